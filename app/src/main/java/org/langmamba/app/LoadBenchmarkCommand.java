package org.langmamba.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How fast series load: slices per second read and decoded, on one thread and on every core, in
 * the same run (so the ratio means something on a noisy machine). The figure behind the README's
 * load times; the goal is 100 slices/s uncompressed and 20 slices/s JPEG 2000 on 2 cores.
 */
@Command(
        name = "load-benchmark",
        mixinStandardHelpOptions = true,
        description = "Time reading and decoding DICOM series: slices per second on 1 thread and on all cores.")
final class LoadBenchmarkCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(
            names = "--repeat",
            defaultValue = "3",
            description = "timed reads per thread count (default ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        int cores = Runtime.getRuntime().availableProcessors();
        new PixelMedStudyStore(cores).read(study.paths(), LoadMonitor.NONE); // warm-up: JIT, file cache
        for (int threads : cores == 1 ? new int[] {1} : new int[] {1, cores}) {
            PixelMedStudyStore store = new PixelMedStudyStore(threads);
            double best = Double.POSITIVE_INFINITY;
            int slices = 0;
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                StudyLoad load = store.read(study.paths(), LoadMonitor.NONE);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
                slices = load.allSeries().stream().mapToInt(s -> s.size()).sum();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d thread(s): %d slices in %.2f s, %.1f slices/s (best of %d)%n",
                    threads,
                    slices,
                    best,
                    slices / best,
                    repeat);
        }
        return 0;
    }
}
