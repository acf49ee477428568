package org.langmamba.app;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SliceDenoiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Whole-series throughput of each denoiser on this machine: what a radiologist waits for after
 * pressing Denoise. Loading the model and one warm-up slice are timed apart from the series.
 */
@Command(
        name = "denoise-benchmark",
        mixinStandardHelpOptions = true,
        description = "Denoise whole series with each model and print slices per second (default: the sample study).")
final class DenoiseBenchmarkCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "langmamba,seed-mse,redcnn",
            description = "models to time (shipped names or .lmmd files; default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--repeat", defaultValue = "1", description = "passes over the series (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    @Override
    public Integer call() throws IOException {
        ComputeDevice deviceName = DenoiserOptions.device(device);
        if (study.paths().isEmpty()) {
            study.sample = true;
        }
        List<SeriesInputs.StudySeries> found = SeriesInputs.read(study.paths(), "Reading");
        if (found.isEmpty()) {
            System.err.println("denoise-benchmark: no CT series in " + study.paths());
            return 1;
        }
        NetworkBackend backend = new NetworkBackend(null);
        System.out.printf(
                Locale.ROOT,
                "%d series, %d pass(es), device %s, %d cores%n",
                found.size(),
                repeat,
                deviceName,
                Runtime.getRuntime().availableProcessors());
        // One row per model and series: a series is what the radiologist waits for, and slices of
        // different matrices have throughputs too far apart to average.
        System.out.println("| model | load s | warm-up s | series | matrix | slices | series s | slices/s | s/slice |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String name : models) {
            ModelChoice model = DenoiserOptions.resolve(backend, name);
            long t0 = System.nanoTime();
            try (SliceDenoiser network = backend.openDenoiser(model, deviceName)) {
                double load = seconds(t0);
                long t1 = System.nanoTime();
                network.denoise(found.get(0).series().slice(0).image());
                double warmUp = seconds(t1);
                for (SeriesInputs.StudySeries s : found) {
                    CtSeries series = s.series();
                    ConsoleProgress progress = new ConsoleProgress(model.name() + " " + series.title());
                    int done = 0;
                    long t2 = System.nanoTime();
                    for (int pass = 0; pass < repeat; pass++) {
                        for (CtSlice slice : series.slices()) {
                            network.denoise(slice.image());
                            progress.progress(++done, (long) repeat * series.size(), "");
                        }
                    }
                    double took = seconds(t2);
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %s | %dx%d | %d | %.2f | %.2f | %.3f |%n",
                            model.label(),
                            load,
                            warmUp,
                            series.title(),
                            series.width(),
                            series.height(),
                            done,
                            took,
                            done / took,
                            took / done);
                }
            }
        }
        return 0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
