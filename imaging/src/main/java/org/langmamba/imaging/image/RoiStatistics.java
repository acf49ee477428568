package org.langmamba.imaging.image;

import java.util.Locale;

/**
 * HU statistics inside a ROI: the numbers a radiologist reads to judge noise (SD) and bias (mean).
 *
 * <p>SD is the sample standard deviation (n - 1), as clinical viewers report it. Area is the
 * number of pixels inside times the pixel area, i.e. the area actually measured.
 */
public record RoiStatistics(int pixelCount, double mean, double sd, double min, double max, double areaMm2) {

    public static final RoiStatistics EMPTY = new RoiStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** Statistics of the pixels of {@code image} whose centres lie inside {@code roi}. */
    public static RoiStatistics of(HuImage image, Roi roi, PixelSpacing spacing) {
        int x0 = Math.max(0, (int) Math.floor(roi.minX()));
        int y0 = Math.max(0, (int) Math.floor(roi.minY()));
        int x1 = Math.min(image.width() - 1, (int) Math.ceil(roi.maxX()));
        int y1 = Math.min(image.height() - 1, (int) Math.ceil(roi.maxY()));
        float[] hu = image.values();
        int n = 0;
        // Welford's update keeps the SD accurate for large ROIs with a large mean (e.g. bone).
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!roi.contains(x + 0.5, y + 0.5)) {
                    continue;
                }
                double v = hu[y * image.width() + x];
                n++;
                double delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0;
        return new RoiStatistics(n, mean, sd, min, max, n * spacing.pixelAreaMm2());
    }

    public boolean isEmpty() {
        return pixelCount == 0;
    }

    /** One line for overlays and status bars, e.g. "mean 41.2 SD 12.3 HU [min -3, max 98] 154.2 mm²". */
    public String summary() {
        return summary("");
    }

    /** The same with {@code afterSd} right after the SD (a noise read-out that belongs beside it). */
    public String summary(String afterSd) {
        if (isEmpty()) {
            return "ROI: no pixels";
        }
        return String.format(
                Locale.ROOT,
                "mean %.1f  SD %.1f HU%s  min %.0f  max %.0f  %.1f mm² (%d px)",
                mean,
                sd,
                afterSd,
                min,
                max,
                areaMm2,
                pixelCount);
    }
}
