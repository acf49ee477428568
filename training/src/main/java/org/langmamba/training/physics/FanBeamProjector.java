package org.langmamba.training.physics;

import java.util.stream.IntStream;

/**
 * Forward projection in the fan-beam geometry: line integrals of mu (per mm) along every ray,
 * sampled at half a pixel along the ray with bilinear interpolation, inside the reconstruction
 * circle (the image outside it is taken as air, as scanners reconstruct only the circle).
 * Views run in parallel on all cores; each ray's entry and exit are computed once per call.
 *
 * <p>Source at angle beta sits at D (cos beta, sin beta) in mm (x right, y up); the central ray
 * points at the isocentre and channel gamma is that ray rotated by gamma.
 */
public final class FanBeamProjector {
    private final FanBeamGeometry g;

    public FanBeamProjector(FanBeamGeometry geometry) {
        this.g = geometry;
    }

    /** Sinogram [view][channel] of the image {@code mu} (row-major, imageSize^2, per mm). */
    public float[][] project(float[] mu) {
        int n = g.imageSize();
        if (mu.length != n * n) {
            throw new IllegalArgumentException("image must be " + n + "x" + n);
        }
        float[][] sinogram = new float[g.views()][g.detectorCount()];
        IntStream.range(0, g.views()).parallel().forEach(k -> projectView(mu, k, sinogram[k]));
        return sinogram;
    }

    private void projectView(float[] mu, int k, float[] out) {
        int n = g.imageSize();
        double pixel = g.pixelSizeMm();
        double d = g.sourceToIsoMm();
        double beta = g.beta(k);
        double sx = d * Math.cos(beta);
        double sy = d * Math.sin(beta);
        double cx = -Math.cos(beta);
        double cy = -Math.sin(beta);
        double radius = g.fovRadiusMm();
        double step = 0.5 * pixel;
        double half = (n - 1) / 2.0;
        for (int j = 0; j < g.detectorCount(); j++) {
            double gamma = g.gamma(j);
            double cosG = Math.cos(gamma);
            double sinG = Math.sin(gamma);
            double dx = cosG * cx - sinG * cy;
            double dy = sinG * cx + cosG * cy;
            // |S + s dir|^2 = r^2  ->  s^2 + 2 s (S.dir) + |S|^2 - r^2 = 0
            double b = sx * dx + sy * dy;
            double disc = b * b - (d * d - radius * radius);
            if (disc <= 0) {
                out[j] = 0f;
                continue;
            }
            double root = Math.sqrt(disc);
            double sIn = -b - root;
            double sOut = -b + root;
            int samples = (int) Math.ceil((sOut - sIn) / step);
            double h = (sOut - sIn) / samples;
            double sum = 0;
            for (int i = 0; i < samples; i++) {
                double s = sIn + (i + 0.5) * h; // midpoint rule
                double x = sx + s * dx;
                double y = sy + s * dy;
                sum += bilinear(mu, n, x / pixel + half, half - y / pixel);
            }
            out[j] = (float) (sum * h);
        }
    }

    /** Bilinear sample at column c, row r (pixel centres at integers); zero outside the image. */
    static float bilinear(float[] image, int n, double c, double r) {
        int c0 = (int) Math.floor(c);
        int r0 = (int) Math.floor(r);
        double fc = c - c0;
        double fr = r - r0;
        double v00 = pixel(image, n, c0, r0);
        double v10 = pixel(image, n, c0 + 1, r0);
        double v01 = pixel(image, n, c0, r0 + 1);
        double v11 = pixel(image, n, c0 + 1, r0 + 1);
        return (float) ((v00 * (1 - fc) + v10 * fc) * (1 - fr) + (v01 * (1 - fc) + v11 * fc) * fr);
    }

    private static float pixel(float[] image, int n, int c, int r) {
        return c < 0 || r < 0 || c >= n || r >= n ? 0f : image[r * n + c];
    }

    public FanBeamGeometry geometry() {
        return g;
    }
}
