package org.langmamba.training.metrics;

import java.util.Locale;
import org.langmamba.imaging.image.Window;

/** PSNR (dB), SSIM and FSIM of one test slice against its reference, in one window. */
public record SliceScores(double psnr, double ssim, double fsim) {
    public static SliceScores of(float[] reference, float[] test, int width, int height, Window window) {
        return new SliceScores(
                Psnr.of(reference, test, window),
                Ssim.of(reference, test, width, height, window),
                Fsim.of(reference, test, width, height, window));
    }

    public String format() {
        return String.format(Locale.ROOT, "%.2f dB  %.4f  %.4f", psnr, ssim, fsim);
    }
}
