package org.langmamba.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.viewer.processing.DenoisedExport;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SeriesDenoising;
import org.langmamba.viewer.processing.SliceDenoiser;
import org.langmamba.viewer.settings.SettingsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The workstation's denoise-and-export for batch work: every CT series found in the inputs is
 * denoised and written as a new DICOM series (the same tags as the Export action) under a new folder.
 * A series that fails is reported and skipped; the others are still written.
 */
@Command(
        name = "denoise",
        mixinStandardHelpOptions = true,
        description =
                "Denoise CT series and write each as a new DICOM series (DERIVED, model and version named) under --out.")
final class DenoiseCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(
            names = "--out",
            required = true,
            description =
                    "new folder for the denoised series (must not exist; " + "checked for room before the first slice)")
    Path out;

    @Mixin
    DenoiserOptions denoiser = new DenoiserOptions();

    @Option(names = "--deidentify", description = "replace patient names, IDs, dates and UIDs in the copies")
    boolean deidentify;

    @Override
    public Integer call() throws IOException {
        OutputFolder output = OutputFolder.create(out);
        try {
            return denoiseInto(output);
        } finally {
            output.removeIfEmpty();
        }
    }

    private int denoiseInto(OutputFolder output) throws IOException {
        ComputeDevice device = denoiser.device();
        NetworkBackend backend =
                new NetworkBackend(SettingsStore.forUser().load().settings().modelsFolder());
        ModelChoice model = denoiser.resolve(backend);
        SeriesInputs.Read read = SeriesInputs.readAll(study.paths(), "Reading");
        List<SeriesInputs.StudySeries> found = read.series();
        if (found.isEmpty()) {
            System.err.println("denoise: no CT series in " + study.paths());
            return Main.SOME_FAILED;
        }
        output.requireSpace(bytesToWrite(found));
        System.out.println("model " + model.label() + " on " + device);
        PixelMedStudyStore store = new PixelMedStudyStore();
        int written = 0;
        try (SliceDenoiser network = backend.openDenoiser(model, device)) {
            for (SeriesInputs.StudySeries s : found) {
                try {
                    write(s, network, model, store);
                    written++;
                } catch (IOException | RuntimeException e) {
                    System.err.println("  skipped series " + s.series().title() + ": " + Main.oneLine(e));
                }
            }
        }
        if (written == 0) {
            System.err.println("denoise: no series could be denoised");
            return Main.SOME_FAILED;
        }
        boolean complete = written == found.size() && read.problems().isEmpty();
        if (!read.problems().isEmpty()) {
            System.err.println("denoise: " + read.problems().size() + " input file(s) not loaded (named above)");
        }
        return complete ? Main.DONE : Main.SOME_FAILED;
    }

    /** What the derived series will take on disk: 16-bit pixels and a few kB of tags a slice. */
    private static long bytesToWrite(List<SeriesInputs.StudySeries> series) {
        long bytes = 0;
        for (SeriesInputs.StudySeries s : series) {
            bytes += (long) s.series().size()
                    * (2L * s.series().width() * s.series().height() + 8192);
        }
        return bytes;
    }

    private void write(SeriesInputs.StudySeries s, SliceDenoiser network, ModelChoice model, PixelMedStudyStore store)
            throws IOException {
        ConsoleProgress progress = new ConsoleProgress("Denoising " + s.series().title());
        DenoisedSeries denoised = DenoisedSeries.headless(s.series(), model);
        progress.progress(0, denoised.size(), "");
        SeriesDenoising.denoiseRemaining(
                denoised, network, () -> 0, () -> false, (done, total, perSlice) -> progress.progress(done, total, ""));
        List<HuImage> images = denoised.images();
        Path folder = out.resolve(DenoisedExport.folderName(s.series(), model, LocalDateTime.now()));
        List<Path> files = store.writeDerivedSeries(
                DenoisedExport.request(s.study(), s.series(), images, model, deidentify), folder);
        System.out.printf(
                Locale.ROOT,
                "wrote %s: %d slices (%.2f s/slice) to %s%n",
                s.series().title(),
                files.size(),
                denoised.secondsPerSlice(),
                folder);
    }
}
