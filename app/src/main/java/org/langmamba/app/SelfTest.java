package org.langmamba.app;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SliceDenoiser;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.WordReading;

/**
 * {@code langmamba --self-test}: what an installed workstation must be able to do, without a
 * screen. Loads the bundled sample study, denoises its largest slice with the default model, reads
 * that slice's token pyramid, prints versions and figures, and exits 0; any failure prints the
 * reason and exits 1. The installers' smoke test and a site engineer's first check.
 */
final class SelfTest {
    private final PrintStream out;

    SelfTest(PrintStream out) {
        this.out = out;
    }

    int run() {
        try {
            check();
            out.println("self-test passed");
            return 0;
        } catch (Exception | LinkageError e) {
            out.println("SELF-TEST FAILED: " + e);
            return 1;
        }
    }

    private void check() throws Exception {
        long t0 = System.nanoTime();
        NetworkBackend backend = new NetworkBackend(null);
        for (Map.Entry<String, String> v :
                ApplicationActions.versions(backend, null).entrySet()) {
            out.println(v.getKey() + ": " + v.getValue());
        }
        StudyLoad load = new PixelMedStudyStore().read(SharedResources.sampleStudyWithoutVolumes(), LoadMonitor.NONE);
        require(!load.allSeries().isEmpty(), "the sample study gave no CT series: " + load.summary());
        out.println("sample study: " + load.summary());
        CtSeries series = load.allSeries().stream()
                .max(Comparator.comparingInt(CtSeries::width))
                .orElseThrow();
        HuImage slice = series.slice(0).image();

        ModelChoice model = backend.models().get(0);
        ComputeDevice device = backend.devices().get(0);
        HuImage denoised;
        double seconds;
        try (SliceDenoiser network = backend.openDenoiser(model, device)) {
            long t1 = System.nanoTime();
            denoised = network.denoise(slice);
            seconds = (System.nanoTime() - t1) / 1e9;
        }
        require(
                denoised.width() == slice.width() && denoised.height() == slice.height(),
                "denoised slice has another size");
        float[] before = slice.toArray();
        float[] after = denoised.toArray();
        double change = 0;
        for (int i = 0; i < after.length; i++) {
            require(Float.isFinite(after[i]), "denoised slice has a non-finite value at pixel " + i);
            change += Math.abs(after[i] - before[i]);
        }
        out.printf(
                Locale.ROOT,
                "denoised %s (%dx%d) with %s on %s: %.2f s, mean |change| %.2f HU%n",
                series.title(),
                slice.width(),
                slice.height(),
                model.label(),
                device,
                seconds,
                change / after.length);

        try (SliceTokenReader reader = backend.openTokenReader(device)) {
            SliceTokens pyramid = reader.read(slice, WordReading.of(series, series.slice(0), true));
            StringBuilder cells = new StringBuilder();
            for (SliceTokens.Level level : pyramid.levels()) {
                cells.append(cells.isEmpty() ? "" : "/").append(level.cells());
            }
            Map.Entry<String, Integer> top = pyramid.level(pyramid.levels().size())
                    .wordCounts()
                    .entrySet()
                    .iterator()
                    .next();
            out.printf(
                    Locale.ROOT,
                    "token pyramid: %s cells, most frequent finest word \"%s\" (%d cells)%n",
                    cells,
                    top.getKey(),
                    top.getValue());
        }
        out.printf(Locale.ROOT, "self-test took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
