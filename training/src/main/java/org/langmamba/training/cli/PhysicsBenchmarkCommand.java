package org.langmamba.training.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.metrics.Fsim;
import org.langmamba.training.metrics.Psnr;
import org.langmamba.training.metrics.Ssim;
import org.langmamba.training.phantom.Phantoms;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints how many slices per second the dose simulation and the scores handle on this machine. */
@Command(
        name = "physics-benchmark",
        mixinStandardHelpOptions = true,
        description = "Time low-dose simulation and PSNR/SSIM/FSIM on 512x512 slices (all cores).")
public final class PhysicsBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "512", description = "slice edge in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--pixel-mm", defaultValue = "0.7", description = "pixel size (default ${DEFAULT-VALUE} mm)")
    double pixelMm;

    @Option(names = "--slices", defaultValue = "5", description = "timed slices (default ${DEFAULT-VALUE})")
    int slices;

    @Override
    public Integer call() {
        HuImage ndct = Phantoms.abdomen().rasterise(size);
        long start = System.nanoTime();
        DoseSimulator simulator = DoseSimulator.forSlice(size, pixelMm);
        double setup = (System.nanoTime() - start) / 1e9;
        simulator.simulate(ndct, pixelMm, DoseSettings.quarterDose(0)); // warm-up for the JIT
        start = System.nanoTime();
        HuImage ldct = null;
        for (int i = 0; i < slices; i++) {
            ldct = simulator.simulate(ndct, pixelMm, DoseSettings.quarterDose(i + 1));
        }
        double perSlice = (System.nanoTime() - start) / 1e9 / slices;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "dose simulation %dx%d (%d views, %d channels), %d cores: %.2f s per slice, %.2f slices/s (set-up %.2f s)%n",
                size,
                size,
                simulator.geometry().views(),
                simulator.geometry().detectorCount(),
                cores,
                perSlice,
                1 / perSlice,
                setup);

        float[] normal = ndct.toArray();
        float[] low = ldct.toArray();
        Fsim.of(normal, low, size, size, Window.ABDOMEN); // warm-up
        start = System.nanoTime();
        double psnr = 0;
        double ssim = 0;
        double fsim = 0;
        for (int i = 0; i < slices; i++) {
            psnr = Psnr.of(normal, low, Window.ABDOMEN);
            ssim = Ssim.of(normal, low, size, size, Window.ABDOMEN);
            fsim = Fsim.of(normal, low, size, size, Window.ABDOMEN);
        }
        double perScore = (System.nanoTime() - start) / 1e9 / slices;
        System.out.printf(
                Locale.ROOT,
                "scores (PSNR+SSIM+FSIM) %dx%d: %.3f s per slice, %.1f slices/s  [last: %.2f dB, %.4f, %.4f]%n",
                size,
                size,
                perScore,
                1 / perScore,
                psnr,
                ssim,
                fsim);
        return 0;
    }
}
