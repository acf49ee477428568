package org.langmamba.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowRenderer;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SliceDenoiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints how long window/level takes for a 512x512 slice: the figure behind "a few milliseconds". */
@Command(
        name = "render-benchmark",
        mixinStandardHelpOptions = true,
        description = "Time window/level rendering of a 512x512 HU slice to 8-bit grey and to ARGB.")
final class RenderBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "512", description = "slice edge in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--iterations", defaultValue = "2000", description = "timed renders (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--while-denoising",
            paramLabel = "MODEL",
            description = "also time rendering while a shipped model (e.g. LangMamba) denoises 512x512 slices on"
                    + " another thread, as the viewer does with a series: is the viewer still responsive?")
    String whileDenoising;

    @Override
    public Integer call() throws Exception {
        Random random = new Random(42);
        float[] hu = new float[size * size];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) (random.nextGaussian() * 300 - 200);
        }
        HuImage image = new HuImage(size, size, hu);
        Window[] windows = {new Window(40, 400), new Window(-600, 1500), new Window(500, 2000)};
        long sink = 0;
        for (int i = 0; i < 500; i++) { // warm-up for the JIT
            sink += WindowRenderer.toArgb(image, windows[i % 3])[i];
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink += WindowRenderer.toGrey8(image, windows[i % 3])[i % hu.length];
        }
        double grey = (System.nanoTime() - start) / 1e6 / iterations;
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink += WindowRenderer.toArgb(image, windows[i % 3])[i % hu.length];
        }
        double argb = (System.nanoTime() - start) / 1e6 / iterations;
        System.out.printf(
                Locale.ROOT,
                "window/level %dx%d: %.3f ms per slice to 8-bit grey, %.3f ms to ARGB (%d iterations, checksum %d)%n",
                size,
                size,
                grey,
                argb,
                iterations,
                sink & 0xFF);
        if (whileDenoising != null) {
            return renderWhileDenoising(image, windows);
        }
        return 0;
    }

    /**
     * ARGB renders timed one by one, first alone and then while a denoiser works on another thread (the
     * viewer's series denoising): median and 99th percentile per render, both in this run.
     */
    private int renderWhileDenoising(HuImage image, Window[] windows) throws Exception {
        NetworkBackend backend = new NetworkBackend(null);
        ModelChoice model = backend.models().stream()
                .filter(m -> m.name().equalsIgnoreCase(whileDenoising) || m.id().equalsIgnoreCase(whileDenoising))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--while-denoising " + whileDenoising
                        + ": no such shipped model ("
                        + backend.models().stream().map(ModelChoice::name).toList() + ")"));
        double[] quiet = renderTimes(image, windows);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger denoised = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(
                () -> {
                    try (SliceDenoiser network =
                            backend.openDenoiser(model, backend.devices().get(0))) {
                        while (!stop.get()) {
                            started.countDown();
                            network.denoise(image);
                            denoised.incrementAndGet();
                        }
                    } catch (Exception e) {
                        System.err.println("denoising stopped: " + e.getMessage());
                        started.countDown();
                    }
                },
                "series-denoiser");
        worker.setDaemon(true);
        worker.start();
        started.await();
        long start = System.nanoTime();
        double[] busy = renderTimes(image, windows);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        worker.join();
        System.out.printf(
                Locale.ROOT,
                "ARGB render alone: median %.2f ms, 99th percentile %.2f ms; while %s denoises: median %.2f ms,"
                        + " 99th percentile %.2f ms (%d slices denoised in the %.1f s of rendering)%n",
                percentile(quiet, 0.5),
                percentile(quiet, 0.99),
                model.name(),
                percentile(busy, 0.5),
                percentile(busy, 0.99),
                denoised.get(),
                seconds);
        return 0;
    }

    private double[] renderTimes(HuImage image, Window[] windows) {
        double[] times = new double[iterations];
        long sink = 0;
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            sink += WindowRenderer.toArgb(image, windows[i % 3])[i % image.width()];
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the renders from being optimised away
        }
        return times;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
