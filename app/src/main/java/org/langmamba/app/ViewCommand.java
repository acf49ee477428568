package org.langmamba.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Opens the workstation window, on the given studies or on the bundled sample study. */
@Command(
        name = "view",
        mixinStandardHelpOptions = true,
        description = "Open the workstation on DICOM folders, files or DICOMDIRs (default: the bundled sample study).")
final class ViewCommand implements Callable<Integer> {
    /** INPUT... and --sample, as every command that reads studies takes them; no input at all opens the sample study. */
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(names = "--panes", defaultValue = "2", description = "panes side by side, 1-3 (default ${DEFAULT-VALUE})")
    int panes;

    @Option(
            names = "--snapshot",
            paramLabel = "PNG",
            description =
                    "save a picture of the window once the study is shown, then exit (documentation, smoke tests)")
    Path snapshot;

    @Option(
            names = "--denoise",
            paramLabel = "MODEL",
            arity = "0..1",
            fallbackValue = "LangMamba",
            description = "denoise the series in pane A once shown (model name as in the toolbar, default LangMamba)")
    String denoise;

    @Option(names = "--difference", description = "with --denoise: a third pane with denoised − original")
    boolean difference;

    @Option(names = "--compare", paramLabel = "MODE", description = "with --denoise: SIDE_BY_SIDE, FLICKER or SWIPE")
    String compare;

    @Option(names = "--tokens", paramLabel = "LEVEL", description = "show the token overlay at pyramid level 1, 2 or 3")
    Integer tokens;

    @Option(
            names = "--token-changes",
            description = "with --tokens and --denoise: only cells whose word denoising changed")
    boolean tokenChanges;

    @Option(names = "--slice", paramLabel = "N", description = "show slice N (1-based) of pane A")
    Integer slice;

    @Option(
            names = "--roi",
            split = ",",
            paramLabel = "L,T,R,B",
            description = "draw a rectangle ROI (pixels: left,top,right,bottom) in every pane")
    int[] roi;

    @Option(names = "--mpr", description = "axial, coronal and sagittal of the series in pane A")
    boolean mpr;

    @Override
    public Integer call() {
        if (roi != null && roi.length != 4) {
            System.err.println("--roi takes left,top,right,bottom in pixels");
            return 2;
        }
        if (tokens != null && (tokens < 1 || tokens > 3)) {
            System.err.println("--tokens must be 1, 2 or 3, got " + tokens);
            return 2;
        }
        if (panes < 1 || panes > 3) {
            System.err.println("--panes must be 1, 2 or 3, got " + panes);
            return 2;
        }
        WorkstationApp.configure(new WorkstationApp.Options(
                study.paths(),
                panes,
                snapshot,
                new WorkstationApp.StartView(denoise, difference, compare, tokens, tokenChanges, slice, roi, mpr)));
        Application.launch(WorkstationApp.class);
        return WorkstationApp.exitCode();
    }
}
