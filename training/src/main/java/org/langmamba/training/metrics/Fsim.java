package org.langmamba.training.metrics;

import java.util.Arrays;
import org.langmamba.imaging.image.Window;

/**
 * Feature similarity (Zhang, Zhang, Mou and Zhang, IEEE TIP 20, 2011), greyscale FSIM: phase
 * congruency and gradient magnitude (Scharr) similarities, weighted by the larger phase
 * congruency. Images are first windowed and scaled to 0..255, because FSIM's constants
 * (T1 = 0.85, T2 = 160) are set for 8-bit images; then, as in the authors' code, averaged and
 * downsampled by F = max(1, round(min(rows, cols) / 256)).
 */
public final class Fsim {
    private static final double T1 = 0.85;
    private static final double T2 = 160;

    private Fsim() {}

    public static double of(float[] reference, float[] test, int width, int height, Window window) {
        Psnr.requireSameSize(reference, test);
        double[] x = to8Bit(window.clipToRange(reference), window);
        double[] y = to8Bit(window.clipToRange(test), window);
        int f = Math.max(1, (int) Math.round(Math.min(width, height) / 256.0));
        int rows = (height + f - 1) / f;
        int cols = (width + f - 1) / f;
        double[] a = downsample(x, width, height, f);
        double[] b = downsample(y, width, height, f);
        double[] pc1 = PhaseCongruency.of(a, rows, cols);
        double[] pc2 = PhaseCongruency.of(b, rows, cols);
        double[] g1 = gradientMagnitude(a, rows, cols);
        double[] g2 = gradientMagnitude(b, rows, cols);
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < a.length; i++) {
            double pcSim = (2 * pc1[i] * pc2[i] + T1) / (pc1[i] * pc1[i] + pc2[i] * pc2[i] + T1);
            double gSim = (2 * g1[i] * g2[i] + T2) / (g1[i] * g1[i] + g2[i] * g2[i] + T2);
            double pcm = Math.max(pc1[i], pc2[i]);
            numerator += gSim * pcSim * pcm;
            denominator += pcm;
        }
        if (denominator == 0) {
            // No phase congruency anywhere (flat images): no features to compare. Identical
            // images are still a perfect match; anything else has no defined FSIM.
            return Arrays.equals(a, b) ? 1.0 : Double.NaN;
        }
        return numerator / denominator;
    }

    private static double[] to8Bit(double[] windowed, Window window) {
        double[] out = new double[windowed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = windowed[i] * 255.0 / window.width();
        }
        return out;
    }

    /** MATLAB's conv2(Y, ones(F)/F^2, 'same') then Y(1:F:end, 1:F:end), zero padding. */
    static double[] downsample(double[] image, int width, int height, int f) {
        if (f == 1) {
            return image.clone();
        }
        int offset = f / 2; // = ceil((F-1)/2): where MATLAB's 'same' starts in the full convolution
        int rows = (height + f - 1) / f;
        int cols = (width + f - 1) / f;
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * f;
                int j = c * f;
                double sum = 0;
                for (int q = 0; q < f; q++) {
                    for (int p = 0; p < f; p++) {
                        int rr = i + offset - q;
                        int cc = j + offset - p;
                        if (rr >= 0 && cc >= 0 && rr < height && cc < width) {
                            sum += image[rr * width + cc];
                        }
                    }
                }
                out[r * cols + c] = sum / (f * f);
            }
        }
        return out;
    }

    /** Scharr gradient magnitude, conv2 'same' with zero padding, as the FSIM code does. */
    static double[] gradientMagnitude(double[] image, int rows, int cols) {
        double[][] dx = {{3, 0, -3}, {10, 0, -10}, {3, 0, -3}};
        double[][] dy = {{3, 10, 3}, {0, 0, 0}, {-3, -10, -3}};
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double gx = 0;
                double gy = 0;
                for (int q = 0; q < 3; q++) {
                    for (int p = 0; p < 3; p++) {
                        int rr = r + 1 - q;
                        int cc = c + 1 - p;
                        if (rr >= 0 && cc >= 0 && rr < rows && cc < cols) {
                            double v = image[rr * cols + cc];
                            gx += v * dx[q][p] / 16.0;
                            gy += v * dy[q][p] / 16.0;
                        }
                    }
                }
                out[r * cols + c] = Math.sqrt(gx * gx + gy * gy);
            }
        }
        return out;
    }
}
