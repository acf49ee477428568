package org.langmamba.training.metrics;

import org.langmamba.imaging.image.Window;

/** Peak signal-to-noise ratio in a HU window: 10 log10(range^2 / MSE), range = window width. */
public final class Psnr {
    private Psnr() {}

    public static double of(float[] reference, float[] test, Window window) {
        requireSameSize(reference, test);
        double[] x = window.clipToRange(reference);
        double[] y = window.clipToRange(test);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            sum += d * d;
        }
        double mse = sum / x.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(window.width() * window.width() / mse);
    }

    static void requireSameSize(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("images differ in size: " + a.length + " and " + b.length + " pixels");
        }
    }
}
