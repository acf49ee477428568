package org.langmamba.training.physics;

/**
 * Parallel-beam projections p(theta_m, t_n): theta_m = pi m / views over half a turn, t_n
 * centred with spacing {@code spacingMm}. p is the integral of f along the line
 * x cos(theta) + y sin(theta) = t.
 */
public record ParallelSinogram(float[][] values, double spacingMm) {
    public int views() {
        return values.length;
    }

    public int bins() {
        return values[0].length;
    }

    public double theta(int m) {
        return Math.PI * m / views();
    }

    public double t(int n) {
        return (n - (bins() - 1) / 2.0) * spacingMm;
    }
}
