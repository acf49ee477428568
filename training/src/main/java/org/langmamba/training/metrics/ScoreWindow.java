package org.langmamba.training.metrics;

import java.util.Locale;

/**
 * The HU window images are scored in. The paper scores in the abdominal window [-160, 240] HU:
 * values are clipped to the window and the data range is the window width, so a denoiser is
 * judged on the grey levels a radiologist sees, not on air or bone far outside them.
 */
public record ScoreWindow(double lowerHu, double upperHu) {
    public static final ScoreWindow ABDOMEN = new ScoreWindow(-160, 240);
    /** The brain window, W80 L40: where a head's grey and white matter, and its noise, are read. */
    public static final ScoreWindow BRAIN = new ScoreWindow(0, 80);

    public ScoreWindow {
        if (!(upperHu > lowerHu)) {
            throw new IllegalArgumentException(
                    "score window needs upper > lower, got [" + lowerHu + ", " + upperHu + "]");
        }
    }

    public double range() {
        return upperHu - lowerHu;
    }

    /** HU clipped to the window and shifted to [0, range]. */
    public double[] clip(float[] hu) {
        double[] out = new double[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = Math.max(lowerHu, Math.min(upperHu, hu[i])) - lowerHu;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.0f, %.0f] HU", lowerHu, upperHu);
    }
}
