package org.langmamba.training.physics;

import java.util.stream.IntStream;

/**
 * Forward projection in the fan-beam geometry: line integrals of mu (per mm) along every ray,
 * inside the reconstruction circle (the image outside it is taken as air, as scanners reconstruct
 * only the circle). Joseph's method (IEEE TMI 1, 1982): a ray that runs mostly along x is sampled
 * once per pixel column, interpolating linearly between the two rows it passes, each sample
 * weighted by the path length per column (pixel / |cos|); mostly-vertical rays likewise per row.
 * One 1-D interpolation per pixel crossed makes it several times faster than sampling along the
 * ray with bilinear interpolation, at the same accuracy. Views run in parallel on all cores.
 *
 * <p>Source at angle beta sits at D (cos beta, sin beta) in mm (x right, y up); the central ray
 * points at the isocentre and channel gamma is that ray rotated by gamma.
 */
public final class FanBeamProjector {
    private final FanBeamGeometry g;
    // Per ray (view-major): direction and where it enters and leaves the reconstruction circle.
    // Computed once; every slice of that size reuses them.
    private final double[] directionX;
    private final double[] directionY;
    private final double[] entry;
    private final double[] exit;

    public FanBeamProjector(FanBeamGeometry geometry) {
        this.g = geometry;
        int rays = geometry.views() * geometry.detectorCount();
        directionX = new double[rays];
        directionY = new double[rays];
        entry = new double[rays];
        exit = new double[rays];
        double d = g.sourceToIsoMm();
        double radius = g.fovRadiusMm();
        for (int k = 0; k < g.views(); k++) {
            double beta = g.beta(k);
            double sx = d * Math.cos(beta);
            double sy = d * Math.sin(beta);
            double cx = -Math.cos(beta);
            double cy = -Math.sin(beta);
            for (int j = 0; j < g.detectorCount(); j++) {
                int ray = k * g.detectorCount() + j;
                double gamma = g.gamma(j);
                double dx = Math.cos(gamma) * cx - Math.sin(gamma) * cy;
                double dy = Math.sin(gamma) * cx + Math.cos(gamma) * cy;
                // |S + s dir|^2 = r^2  ->  s^2 + 2 s (S.dir) + |S|^2 - r^2 = 0
                double b = sx * dx + sy * dy;
                double disc = b * b - (d * d - radius * radius);
                directionX[ray] = dx;
                directionY[ray] = dy;
                entry[ray] = disc <= 0 ? 0 : -b - Math.sqrt(disc);
                exit[ray] = disc <= 0 ? 0 : -b + Math.sqrt(disc); // entry == exit: the ray misses
            }
        }
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
        double sx = g.sourceToIsoMm() * Math.cos(g.beta(k));
        double sy = g.sourceToIsoMm() * Math.sin(g.beta(k));
        for (int j = 0; j < g.detectorCount(); j++) {
            int ray = k * g.detectorCount() + j;
            double sIn = entry[ray];
            double sOut = exit[ray];
            if (sOut <= sIn) {
                out[j] = 0f;
                continue;
            }
            double dx = directionX[ray];
            double dy = directionY[ray];
            out[j] = (float)
                    (Math.abs(dx) >= Math.abs(dy)
                            ? alongColumns(mu, n, sx, sy, dx, dy, sIn, sOut)
                            : alongRows(mu, n, sx, sy, dx, dy, sIn, sOut));
        }
    }

    /** Joseph sum for a mostly horizontal ray: one sample per column between the circle crossings. */
    private double alongColumns(
            float[] mu, int n, double sx, double sy, double dx, double dy, double sIn, double sOut) {
        double pixel = g.pixelSizeMm();
        double half = (n - 1) / 2.0;
        double xIn = sx + sIn * dx;
        double xOut = sx + sOut * dx;
        int c0 = Math.max(0, (int) Math.ceil(Math.min(xIn, xOut) / pixel + half));
        int c1 = Math.min(n - 1, (int) Math.floor(Math.max(xIn, xOut) / pixel + half));
        double sum = 0;
        for (int c = c0; c <= c1; c++) {
            double s = ((c - half) * pixel - sx) / dx;
            double row = half - (sy + s * dy) / pixel;
            sum += linear(mu, n, c, row, true);
        }
        return sum * pixel / Math.abs(dx);
    }

    /** Joseph sum for a mostly vertical ray: one sample per row between the circle crossings. */
    private double alongRows(float[] mu, int n, double sx, double sy, double dx, double dy, double sIn, double sOut) {
        double pixel = g.pixelSizeMm();
        double half = (n - 1) / 2.0;
        double rIn = half - (sy + sIn * dy) / pixel;
        double rOut = half - (sy + sOut * dy) / pixel;
        int r0 = Math.max(0, (int) Math.ceil(Math.min(rIn, rOut)));
        int r1 = Math.min(n - 1, (int) Math.floor(Math.max(rIn, rOut)));
        double sum = 0;
        for (int r = r0; r <= r1; r++) {
            double s = ((half - r) * pixel - sy) / dy;
            double col = (sx + s * dx) / pixel + half;
            sum += linear(mu, n, r, col, false);
        }
        return sum * pixel / Math.abs(dy);
    }

    /** Linear interpolation across rows at a fixed column (or across columns at a fixed row); zero outside. */
    private static double linear(float[] image, int n, int fixed, double position, boolean fixedIsColumn) {
        int p0 = (int) Math.floor(position);
        double f = position - p0;
        double v0 = fixedIsColumn ? pixel(image, n, fixed, p0) : pixel(image, n, p0, fixed);
        double v1 = fixedIsColumn ? pixel(image, n, fixed, p0 + 1) : pixel(image, n, p0 + 1, fixed);
        return v0 * (1 - f) + v1 * f;
    }

    private static float pixel(float[] image, int n, int c, int r) {
        return c < 0 || r < 0 || c >= n || r >= n ? 0f : image[r * n + c];
    }

    public FanBeamGeometry geometry() {
        return g;
    }
}
