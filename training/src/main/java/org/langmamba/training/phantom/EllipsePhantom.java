package org.langmamba.training.phantom;

import java.util.List;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.physics.Attenuation;

/**
 * An analytic phantom: air (-1000 HU) plus a sum of ellipses. It can be rasterised to a slice and
 * its parallel projections are known in closed form, which is what the projector and the FBP
 * are checked against.
 */
public record EllipsePhantom(String name, List<Ellipse> ellipses) {
    private static final double AIR_HU = -1000.0;

    /** HU at a point in normalised coordinates. */
    public double hu(double x, double y) {
        double hu = AIR_HU;
        for (Ellipse e : ellipses) {
            if (e.contains(x, y)) {
                hu += e.deltaHu();
            }
        }
        return hu;
    }

    /**
     * The phantom on an n x n grid covering the reconstruction circle (diameter = n pixels), each
     * pixel the mean of 3 x 3 sub-samples so edges are partial-volume, as in a real scan. The
     * phantom is defined on the circle, so the pixel size is the caller's (the simulator's geometry).
     */
    public HuImage rasterise(int n) {
        float[] out = new float[n * n];
        double half = n / 2.0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double sum = 0;
                for (int sr = 0; sr < 3; sr++) {
                    for (int sc = 0; sc < 3; sc++) {
                        double x = (c + (sc + 0.5) / 3.0 - half) / half;
                        double y = (half - (r + (sr + 0.5) / 3.0)) / half;
                        sum += hu(x, y);
                    }
                }
                out[r * n + c] = (float) (sum / 9.0);
            }
        }
        return new HuImage(n, n, out);
    }

    /**
     * Exact parallel projection of mu (per mm) along x cos(theta) + y sin(theta) = t (mm), for a
     * phantom whose unit circle has radius {@code radiusMm}. Air has mu = 0, so only the ellipses
     * count: each adds mu_water * deltaHu / 1000 times its chord.
     */
    public double lineIntegral(double theta, double tMm, double radiusMm, Attenuation attenuation) {
        double sum = 0;
        for (Ellipse e : ellipses) {
            sum += attenuation.muWaterPerMm() * e.deltaHu() / 1000.0 * e.chord(theta, tMm / radiusMm) * radiusMm;
        }
        return sum;
    }
}
