package org.langmamba.app.finetune;

import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;

/**
 * How noisy a series is, to tell the low-dose series of a pair from the normal-dose one: the SD of
 * the image minus its 3x3 mean, over soft-tissue pixels (-100..200 HU) of the middle slice, where
 * anatomy is smooth and the difference is mostly noise.
 */
final class NoiseLevel {
    private NoiseLevel() {}

    static double of(CtSeries series) {
        return of(series.slice(series.size() / 2).image());
    }

    /** Noise SD estimate in HU (NaN when the slice has no soft tissue). */
    static double of(HuImage image) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 1; y < image.height() - 1; y++) {
            for (int x = 1; x < image.width() - 1; x++) {
                float centre = image.hu(x, y);
                if (centre < -100 || centre > 200) {
                    continue;
                }
                double mean = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        mean += image.hu(x + dx, y + dy);
                    }
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
}
