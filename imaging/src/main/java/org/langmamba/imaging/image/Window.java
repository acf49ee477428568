package org.langmamba.imaging.image;

import java.util.Locale;

/**
 * A display window in HU: level (centre) and width, as DICOM's WindowCenter/WindowWidth.
 *
 * <p>The abdominal window W400/L40 is the interval [-160, 240] HU in which the paper scores
 * PSNR/SSIM/FSIM, so {@link #lower()} and {@link #upper()} are what the metrics use too.
 */
public record Window(double level, double width) {
    /** The abdominal window W400 L40, [-160, 240] HU: where the paper scores PSNR, SSIM and FSIM. */
    public static final Window ABDOMEN = new Window(40, 400);
    /** The brain window W80 L40, [0, 80] HU: where a head's grey and white matter, and its noise, are read. */
    public static final Window BRAIN = new Window(40, 80);
    /** Narrowest window we allow: DICOM requires WindowWidth &ge; 1. */
    public static final double MIN_WIDTH = 1.0;

    public Window {
        if (!Double.isFinite(level) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window level and width must be finite, got L" + level + " W" + width);
        }
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("window width must be at least " + MIN_WIDTH + " HU, got " + width);
        }
    }

    /** The window covering [lower, upper] HU. */
    public static Window ofBounds(double lower, double upper) {
        return new Window((lower + upper) / 2.0, upper - lower);
    }

    public double lower() {
        return level - width / 2.0;
    }

    public double upper() {
        return level + width / 2.0;
    }

    /** This window moved by dLevel and widened by dWidth, the width kept at its minimum. */
    public Window adjustedBy(double dLevel, double dWidth) {
        return new Window(level + dLevel, Math.max(MIN_WIDTH, width + dWidth));
    }

    /** Radiologists' notation, e.g. "W400 L40". */
    public String label() {
        return String.format(Locale.ROOT, "W%.0f L%.0f", width, level);
    }

    /**
     * HU clipped to this window and shifted to [0, width]: how the metrics see an image, so that a
     * denoiser is judged on the grey levels a radiologist sees, not on air or bone far outside them.
     */
    public double[] clipToRange(float[] hu) {
        double lower = lower();
        double upper = upper();
        double[] out = new double[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = Math.max(lower, Math.min(upper, hu[i])) - lower;
        }
        return out;
    }

    /** The interval, e.g. "[-160, 240] HU" (scores and model cards name windows this way). */
    public String bounds() {
        return String.format(Locale.ROOT, "[%.0f, %.0f] HU", lower(), upper());
    }
}
