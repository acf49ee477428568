package org.langmamba.viewer.workstation;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.scores.ReferenceScoresViewModel;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.tokens.TokenOverlayViewModel;

/**
 * The viewer's network features — denoising, the token overlay, scores against a reference — built
 * by the application over the panes and the study list it shares with the viewer's view-model, which
 * receives them and never builds or is known by them (JabRef's rule, ADR 0011).
 */
public record ViewerFeatures(
        Optional<DenoiseViewModel> denoising,
        Optional<TokenOverlayViewModel> tokens,
        Optional<ReferenceScoresViewModel> scores) {
    /** A viewer without networks. */
    public static final ViewerFeatures NONE = new ViewerFeatures(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * The features running on {@code backend}, each feature's long work on {@code workers.apply(name)}
     * ("denoiser", "token-reader", "scorer"; tests pass {@code name -> Workers.SAME_THREAD}).
     */
    public static ViewerFeatures on(
            ProcessingBackend backend,
            PaneSet panes,
            DicomStudyStore store,
            StudyList studies,
            Function<String, Executor> workers) {
        DenoiseViewModel denoising =
                new DenoiseViewModel(panes, backend, store, studies::studyOf, workers.apply("denoiser"));
        return new ViewerFeatures(
                Optional.of(denoising),
                Optional.of(new TokenOverlayViewModel(panes, backend, denoising, workers.apply("token-reader"))),
                Optional.of(new ReferenceScoresViewModel(panes, backend.scorer(), denoising, workers.apply("scorer"))));
    }
}
