package org.langmamba.training.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.phantom.Ellipse;
import org.langmamba.training.phantom.EllipsePhantom;
import org.langmamba.training.phantom.Phantoms;

/** Projector and reconstruction checked separately against closed-form ellipse projections. */
class ProjectorAndFbpTest {
    private static final int N = 256;
    private static final double PIXEL_MM = 1.4;
    private static final Attenuation MU = Attenuation.WATER_70_KEV;

    @Test
    void fanBeamLineIntegralsMatchTheAnalyticOnesOfTheAbdomenPhantom() {
        EllipsePhantom phantom = Phantoms.abdomen();
        FanBeamGeometry g = FanBeamGeometry.forImage(N, PIXEL_MM, 180);
        float[][] sinogram =
                new FanBeamProjector(g).project(MU.toMu(phantom.rasterise(N).toArray()));

        double radius = g.fovRadiusMm();
        double sumSquaredError = 0;
        double sumSquared = 0;
        double worstCentral = 0;
        for (int k = 0; k < g.views(); k++) {
            for (int j = 0; j < g.detectorCount(); j++) {
                double gamma = g.gamma(j);
                double theta = g.beta(k) + gamma + Math.PI / 2;
                double t = -g.sourceToIsoMm() * Math.sin(gamma);
                double exact = phantom.lineIntegral(theta, t, radius, MU);
                double error = sinogram[k][j] - exact;
                sumSquaredError += error * error;
                sumSquared += exact * exact;
                if (Math.abs(t) < 0.3 * radius) {
                    worstCentral = Math.max(worstCentral, Math.abs(error) / exact);
                }
            }
        }
        double relativeRms = Math.sqrt(sumSquaredError / sumSquared);
        System.out.printf(
                "fan projector vs analytic: relative RMS error %.5f, worst central ray %.5f%n",
                relativeRms, worstCentral);
        assertThat(relativeRms).isLessThan(0.005);
        // Rays grazing the small gas pocket (-1040 HU against 40) see its 1.4 mm pixel edges.
        assertThat(worstCentral).isLessThan(0.02);
    }

    @Test
    void filteredBackProjectionOfExactProjectionsRestoresAnOffCentreDisc() {
        // A water disc (0 HU) off centre in air: exact parallel projections, then FBP alone.
        EllipsePhantom disc = new EllipsePhantom("disc", List.of(new Ellipse(0.3, -0.2, 0.4, 0.4, 0, 1000)));
        int views = 360;
        double tau = PIXEL_MM * 0.75;
        int bins = 2 * (int) (N * PIXEL_MM / 2 / tau) + 1;
        float[][] p = new float[views][bins];
        ParallelSinogram sinogram = new ParallelSinogram(p, tau);
        for (int m = 0; m < views; m++) {
            for (int b = 0; b < bins; b++) {
                p[m][b] = (float) disc.lineIntegral(sinogram.theta(m), sinogram.t(b), N * PIXEL_MM / 2, MU);
            }
        }
        float[] hu = MU.toHu(new ParallelFbp(Apodization.RAM_LAK).reconstruct(sinogram, N, PIXEL_MM));

        // Disc centre at (0.3, -0.2) of the radius: column 128 + 0.3*128, row 128 + 0.2*128.
        double[] inside = PhysicsTestSupport.roi(hu, N, 30, (int) (0.3 * N / 2), (int) (0.2 * N / 2));
        double[] outside = PhysicsTestSupport.roi(hu, N, 20, -(int) (0.5 * N / 2), (int) (-0.5 * N / 2));
        System.out.printf(
                "FBP of exact projections: disc %.2f HU (SD %.2f), air %.2f HU%n", inside[0], inside[1], outside[0]);
        assertThat(inside[0]).isCloseTo(0.0, within(3.0));
        assertThat(outside[0]).isCloseTo(-1000.0, within(3.0));
    }

    @Test
    void theRasterisedPhantomHasTheDocumentedTissueValues() {
        HuImage abdomen = Phantoms.abdomen().rasterise(N);
        EllipsePhantom p = Phantoms.abdomen();
        assertThat(p.hu(0.04, -0.18)).isEqualTo(200.0); // aorta
        assertThat(p.hu(0, -0.42)).isEqualTo(20.0); // spinal canal
        assertThat(p.hu(0.0, -0.47)).isEqualTo(700.0); // vertebral body
        assertThat(p.hu(-0.45, 0.05)).isEqualTo(60.0); // liver
        assertThat(p.hu(0.0, 0.62)).isEqualTo(-100.0); // subcutaneous fat
        assertThat(p.hu(0.95, 0.95)).isEqualTo(-1000.0); // air
        assertThat(abdomen.hu(N / 2, N / 2)).isEqualTo(40f);
    }
}
