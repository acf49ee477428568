package org.langmamba.training.metrics;

import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;

/**
 * How noisy a series is, to tell the low-dose series of a pair from the normal-dose one: the SD of
 * the middle slice minus its 3x3 mean, over pixels whose whole 3x3 neighbourhood is soft tissue
 * (-100..200 HU), where anatomy is smooth and the difference is mostly noise. Also the noise a dose
 * simulation added ({@link #addedInBody}), for the fine-tuning wizard's preview.
 */
public final class NoiseLevel {
    private NoiseLevel() {}

    public static double of(CtSeries series) {
        return of(series.slice(series.size() / 2).image());
    }

    /** Noise SD estimate in HU (NaN when the slice has no soft tissue). */
    public static double of(HuImage image) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 1; y < image.height() - 1; y++) {
            for (int x = 1; x < image.width() - 1; x++) {
                float centre = image.hu(x, y);
                double mean = 0;
                boolean softTissue = true;
                for (int dy = -1; dy <= 1 && softTissue; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        float v = image.hu(x + dx, y + dy);
                        // The whole 3x3 neighbourhood: one air or bone pixel beside the centre makes a
                        // residual of hundreds of HU that is anatomy, not noise.
                        softTissue &= v >= -100 && v <= 200;
                        mean += v;
                    }
                }
                if (!softTissue) {
                    continue;
                }
                double residual = centre - mean / 9;
                sum += residual;
                squares += residual * residual;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double m = sum / n;
        // The residual of white noise against a 3x3 mean has SD sqrt(8/9) of the noise's.
        return Math.sqrt(Math.max(0, squares / n - m * m) / (8.0 / 9.0));
    }

    /**
     * SD of low minus normal dose where the normal dose is body (above -500 HU): the noise a dose
     * simulation added, in HU (NaN when there is no body).
     */
    public static double addedInBody(HuImage normal, HuImage low) {
        float[] normalHu = normal.toArray();
        float[] lowHu = low.toArray();
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int i = 0; i < normalHu.length; i++) {
            if (normalHu[i] > -500) {
                double d = lowHu[i] - normalHu[i];
                sum += d;
                squares += d * d;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }
}
