package org.langmamba.viewer.workstation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.imaging.dicom.FileProblem;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.NoisePowerSpectrum;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.dialogs.DialogService;
import org.langmamba.viewer.mpr.MprViewModel;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.DenoisedVolume;
import org.langmamba.viewer.processing.SafeFiles;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.scores.ReferenceScoresViewModel;
import org.langmamba.viewer.slice.CinePlayer;
import org.langmamba.viewer.slice.PaneLink;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;
import org.langmamba.viewer.slice.Tool;
import org.langmamba.viewer.tokens.TokenOverlayViewModel;

/**
 * State of the viewer window: what was loaded (series and the load report), the panes and their
 * lock, the active pane and tool, cine, and the load task in progress.
 */
public final class ViewerViewModel {
    public static final int MAX_PANES = PaneSet.MAX_PANES;

    private final DicomStudyStore store;
    private final PaneSet paneSet;
    private final StudyList studies;
    private final CinePlayer cine = new CinePlayer();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.WINDOW);
    private final ObservableList<FileProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<StudyLoad> studyLoad = new ReadOnlyObjectWrapper<>(this, "studyLoad");
    private final ReadOnlyObjectWrapper<Task<StudyLoad>> loadTask = new ReadOnlyObjectWrapper<>(this, "loadTask");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final Executor background;

    private final DenoiseViewModel denoising;
    private final TokenOverlayViewModel tokens;
    private final ReferenceScoresViewModel scores;
    private final MprViewModel mpr;
    private CtSeries mprOriginal; // while MPR shows the denoised volume: the series it was made from
    private CtSeries mprDenoised;

    /** A viewer without networks (no denoising, no token overlay), loading on a thread of its own. */
    public ViewerViewModel(DicomStudyStore store, WindowPresets presets) {
        this(store, new PaneSet(presets), new StudyList(), ViewerFeatures.NONE, Workers.singleThread("study-loader"));
    }

    /**
     * The viewer over {@code panes} and {@code studies}, which it shares with {@code features}: the
     * application builds all of them (see the app's WorkstationApp.viewerModel), this view-model only
     * receives the features. Studies load on {@code background}.
     */
    public ViewerViewModel(
            DicomStudyStore store, PaneSet panes, StudyList studies, ViewerFeatures features, Executor background) {
        this.store = store;
        this.background = background;
        this.paneSet = panes;
        this.studies = studies;
        this.mpr = new MprViewModel(paneSet);
        this.denoising = features.denoising().orElse(null);
        this.tokens = features.tokens().orElse(null);
        this.scores = features.scores().orElse(null);
    }

    /** PSNR/SSIM/FSIM against a reference series, when this viewer has a scorer. */
    public Optional<ReferenceScoresViewModel> scores() {
        return Optional.ofNullable(scores);
    }

    /** The axial/coronal/sagittal layout. */
    public MprViewModel mpr() {
        return mpr;
    }

    /** Turns the MPR layout on for the active pane's series (saying in the status why not, if it cannot be) or off. */
    public void toggleMpr(boolean on) {
        if (!on) {
            mpr.hide();
            return;
        }
        CtSeries shown = paneSet.active().seriesProperty().get();
        if (shown == null) {
            status.set("MPR: open a series first");
            return;
        }
        mpr.show(shown)
                .ifPresentOrElse(
                        problem -> status.set("MPR: " + problem),
                        () -> status.set("MPR of " + shown.title()
                                + ": axial, coronal and sagittal; the dashed lines are where the other planes cut"
                                + mpr.coronal()
                                        .map(plane -> plane.caveats().isEmpty()
                                                ? ""
                                                : ". Reformats: " + String.join("; ", plane.caveats()))
                                        .orElse("")));
    }

    /**
     * In the MPR layout, swaps the three planes between the series and its denoised version (the same
     * planes, the same window: issue 16's reformats of the denoised series, locked to the original's).
     * The denoised series must be complete; the status says why not otherwise.
     */
    public void toggleMprVolume() {
        Optional<CtSeries> shown = mpr.axial();
        if (shown.isEmpty()) {
            status.set("MPR of the denoised series: turn MPR on first (M)");
            return;
        }
        if (shown.get() == mprDenoised && mprOriginal != null) {
            CtSeries original = mprOriginal;
            mprDenoised = null;
            mprOriginal = null;
            mpr.showVolume(original)
                    .ifPresentOrElse(
                            p -> status.set("MPR: " + p), () -> status.set("MPR of the original " + original.title()));
            return;
        }
        CtSeries current = shown.get();
        Optional<DenoisedSeries> result = denoising().flatMap(d -> d.resultFor(current));
        if (result.isEmpty() || !result.get().isComplete()) {
            status.set("MPR of the denoised series: denoise the whole series first ("
                    + result.map(r -> r.doneCount() + " of " + r.size() + " slices done")
                            .orElse("not denoised")
                    + ")");
            return;
        }
        CtSeries volume = DenoisedVolume.of(result.get());
        mpr.showVolume(volume).ifPresentOrElse(p -> status.set("MPR: " + p), () -> {
            mprOriginal = current;
            mprDenoised = volume;
            status.set("MPR of " + result.get().label() + ": the same planes and window as the original (N swaps"
                    + " back)");
        });
    }

    /** Denoising, when this viewer has networks. */
    public Optional<DenoiseViewModel> denoising() {
        return Optional.ofNullable(denoising);
    }

    /** The token overlay, when this viewer has networks. */
    public Optional<TokenOverlayViewModel> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** The loaded study a series belongs to. */
    public Optional<CtStudy> studyOf(CtSeries s) {
        return studies.studyOf(s);
    }

    public DicomStudyStore store() {
        return store;
    }

    /** Starts loading {@code inputs} in the background; the result replaces what is shown. */
    public Task<StudyLoad> load(List<Path> inputs) {
        Task<StudyLoad> previous = loadTask.get();
        if (previous != null && previous.isRunning()) {
            previous.cancel();
        }
        SliceViewModel first = paneSet.panes().get(0);
        CtSeries shownBefore = first.seriesProperty().get();
        LoadStudyTask task = new LoadStudyTask(store, inputs);
        task.setOnFirstSlice(preview -> {
            // Progressive loading: pane A shows the first decoded slice while the rest streams in.
            if (loadTask.get() == task && !task.isDone()) {
                cine.stop();
                first.showSeries(preview);
                status.set("Loading: first slice shown while the rest is read…");
            }
        });
        task.setOnSucceeded(e -> accept(task.getValue()));
        task.setOnFailed(e -> {
            restore(first, shownBefore);
            status.set("Loading failed: " + task.getException());
        });
        task.setOnCancelled(e -> {
            restore(first, shownBefore);
            status.set("Loading cancelled");
        });
        loadTask.set(task);
        status.set("Loading " + inputs.size() + " item(s)…");
        background.execute(task);
        return task;
    }

    /** Puts back what a pane showed before a load that did not finish replaced it with its first slice. */
    private static void restore(SliceViewModel pane, CtSeries shownBefore) {
        if (pane.seriesProperty().get() != shownBefore) {
            pane.showSeries(shownBefore);
        }
    }

    /** Shows a finished load: lists it, and puts the largest series in pane A and the next in pane B. */
    public void accept(StudyLoad load) {
        cine.stop();
        if (denoising != null) {
            denoising.stop();
        }
        studyLoad.set(load);
        studies.show(load);
        problems.setAll(load.problems());
        notes.setAll(load.notes());
        List<StudyList.SeriesEntry> largestFirst = studies.entries().stream()
                .sorted(Comparator.comparingLong(
                                (StudyList.SeriesEntry e) -> (long) e.series().width()
                                        * e.series().height()
                                        * e.series().size())
                        .reversed())
                .toList();
        List<SliceViewModel> panes = paneSet.panes();
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i)
                    .showSeries(i < largestFirst.size() ? largestFirst.get(i).series() : null);
        }
        paneSet.activePaneProperty().set(0);
        status.set(load.isEmpty() ? "No CT series found: " + load.summary() : load.summary());
    }

    /** Shows {@code entry} in the active pane. */
    public void showInActivePane(StudyList.SeriesEntry entry) {
        showInPane(paneSet.activePaneProperty().get(), entry);
    }

    public void showInPane(int index, StudyList.SeriesEntry entry) {
        cine.stop();
        SliceViewModel pane = paneSet.panes().get(index);
        pane.showSeries(entry.series());
        paneSet.link().bringIntoStep(pane);
    }

    public SliceViewModel active() {
        return paneSet.active();
    }

    public void toggleCine() {
        if (cine.playingProperty().get()) {
            cine.stop();
        } else {
            cine.play(active());
        }
    }

    /** The panes, their count, the active one and the lock, as the features share them. */
    public PaneSet paneSet() {
        return paneSet;
    }

    /**
     * The noise power spectra of the ROI in every shown pane that has one (original, denoised,
     * difference), as radial curves in CSV; empty without an ROI of at least 32 pixels a side.
     */
    public Optional<String> noiseSpectraCsv() {
        List<String> names = new ArrayList<>();
        List<NoisePowerSpectrum> spectra = new ArrayList<>();
        for (int i = 0; i < paneCountProperty().get(); i++) {
            SliceViewModel pane = panes().get(i);
            pane.noiseSpectrumBinding().get().ifPresent(nps -> {
                names.add(pane.name() + " " + pane.seriesProperty().get().title());
                spectra.add(nps);
            });
        }
        return spectra.isEmpty() ? Optional.empty() : Optional.of(NoisePowerSpectrum.csv(names, spectra));
    }

    /** Asks where the ROI's noise spectra go and writes them to that new file; says so in the status. */
    public void writeNoiseCsvAsking(DialogService dialogs) {
        Optional<String> csv = noiseSpectraCsv();
        if (csv.isEmpty()) {
            status.set("No noise spectrum: draw a rectangle or ellipse ROI of at least 32 pixels a side");
            return;
        }
        dialogs.chooseNewFile("Save the ROI's noise power spectra as CSV (a new file)", "langmamba-nps.csv")
                .ifPresent(file -> {
                    try {
                        SafeFiles.writeNew(file, csv.get().getBytes(StandardCharsets.UTF_8));
                        status.set("Noise spectra saved to " + file);
                    } catch (IOException e) {
                        dialogs.showError("The noise spectra were not saved", e.getMessage());
                    }
                });
    }

    public List<SliceViewModel> panes() {
        return paneSet.panes();
    }

    public PaneLink link() {
        return paneSet.link();
    }

    public WindowPresets presets() {
        return paneSet.presets();
    }

    public CinePlayer cine() {
        return cine;
    }

    public IntegerProperty paneCountProperty() {
        return paneSet.paneCountProperty();
    }

    public IntegerProperty activePaneProperty() {
        return paneSet.activePaneProperty();
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public ObservableList<StudyList.SeriesEntry> series() {
        return studies.entries();
    }

    public ObservableList<FileProblem> problems() {
        return problems;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ReadOnlyObjectProperty<StudyLoad> studyLoadProperty() {
        return studyLoad.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Task<StudyLoad>> loadTaskProperty() {
        return loadTask.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }
}
