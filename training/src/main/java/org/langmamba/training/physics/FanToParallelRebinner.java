package org.langmamba.training.physics;

import java.util.stream.IntStream;

/**
 * Rebins fan-beam projections to parallel-beam ones, so one simple, fast parallel FBP serves
 * every fan geometry (scanners do the same; ADR 0004). A fan ray (beta, gamma) is the parallel
 * line theta = beta + gamma + pi/2, t = -D sin(gamma) (see {@link FanBeamProjector} for the
 * convention). Each parallel sample is interpolated bilinearly in (beta, gamma) from the 360
 * degree fan data, in which every line appears twice; theta in [0, pi) picks one copy.
 */
public final class FanToParallelRebinner {
    private final FanBeamGeometry g;
    private final int views;
    private final int bins;
    private final double spacing;

    public FanToParallelRebinner(FanBeamGeometry geometry) {
        this.g = geometry;
        this.views = geometry.views() / 2;
        this.spacing = geometry.raySpacingAtIsoMm();
        // Enough bins to span the fan's reach at the isocentre.
        double reach =
                geometry.sourceToIsoMm() * Math.sin((geometry.detectorCount() - 1) / 2.0 * geometry.channelAngleRad());
        this.bins = 2 * (int) Math.floor(reach / spacing) + 1;
    }

    public ParallelSinogram rebin(float[][] fan) {
        float[][] out = new float[views][bins];
        double d = g.sourceToIsoMm();
        IntStream.range(0, views).parallel().forEach(m -> {
            double theta = Math.PI * m / views;
            for (int n = 0; n < bins; n++) {
                double t = (n - (bins - 1) / 2.0) * spacing;
                double gamma = -Math.asin(t / d);
                double beta = theta - gamma - Math.PI / 2;
                out[m][n] = sample(fan, beta, gamma);
            }
        });
        return new ParallelSinogram(out, spacing);
    }

    private float sample(float[][] fan, double beta, double gamma) {
        double j = gamma / g.channelAngleRad() + (g.detectorCount() - 1) / 2.0;
        double k = beta / (2 * Math.PI) * g.views();
        k = ((k % g.views()) + g.views()) % g.views();
        int j0 = (int) Math.floor(j);
        int k0 = (int) Math.floor(k);
        double fj = j - j0;
        double fk = k - k0;
        int k1 = (k0 + 1) % g.views();
        return (float) ((channel(fan[k0], j0) * (1 - fj) + channel(fan[k0], j0 + 1) * fj) * (1 - fk)
                + (channel(fan[k1], j0) * (1 - fj) + channel(fan[k1], j0 + 1) * fj) * fk);
    }

    private static double channel(float[] view, int j) {
        return j < 0 || j >= view.length ? 0.0 : view[j];
    }
}
