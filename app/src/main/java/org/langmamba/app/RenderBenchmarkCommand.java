package org.langmamba.app;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowRenderer;
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

    @Override
    public Integer call() {
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
        return 0;
    }
}
