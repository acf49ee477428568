package org.langmamba.training.physics;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.langmamba.training.data.HuSlice;

/**
 * Low-dose CT from a normal-dose slice, in the projection domain: HU to mu, fan-beam forward
 * projection, photon counts with Poisson and electronic noise at the lowered flux, log, rebinning
 * to parallel beams, filtered back-projection, mu to HU. Geometry, filters and tables are built
 * once per image size and reused for every slice.
 *
 * <p>In {@link DoseSettings.Mode#INSERT} mode the input is a real scan at I0 that already carries
 * its own noise; we add, per ray, Gaussian noise of the variance the lower dose lacks,
 * var = (1/d - 1) e^p / I0 (quantum) + (1/d^2 - 1) sigma_e^2 e^{2p} / I0^2 (electronic), so the
 * total matches a scan at d * I0 (Yu et al., Med. Phys. 39 (2012) 2386). In ABSOLUTE mode the
 * input is noise-free and counts are drawn at d * I0 with {@link PhotonNoise}.
 */
public final class DoseSimulator {
    private final FanBeamGeometry geometry;
    private final FanBeamProjector projector;
    private final FanToParallelRebinner rebinner;
    private final Attenuation attenuation;

    public DoseSimulator(FanBeamGeometry geometry, Attenuation attenuation) {
        this.geometry = geometry;
        this.projector = new FanBeamProjector(geometry);
        this.rebinner = new FanToParallelRebinner(geometry);
        this.attenuation = attenuation;
    }

    /** A simulator with the default scanner for square slices of this size and pixel size. */
    public static DoseSimulator forSlice(int size, double pixelMm) {
        return new DoseSimulator(FanBeamGeometry.forImage(size, pixelMm), Attenuation.WATER_70_KEV);
    }

    /** The low-dose version of {@code slice}. */
    public HuSlice simulate(HuSlice slice, DoseSettings settings) {
        float[][] sinogram = project(slice);
        addNoise(sinogram, settings);
        return reconstruct(sinogram, slice, settings.apodization());
    }

    /** Projection and reconstruction without noise: what the pipeline alone does to a slice. */
    public HuSlice roundTrip(HuSlice slice, Apodization apodization) {
        return reconstruct(project(slice), slice, apodization);
    }

    float[][] project(HuSlice slice) {
        checkSize(slice);
        return projector.project(attenuation.toMu(slice.hu()));
    }

    private HuSlice reconstruct(float[][] fanSinogram, HuSlice like, Apodization apodization) {
        float[] mu = new ParallelFbp(apodization).reconstruct(rebinner.rebin(fanSinogram), like.width(), like.pixelSizeMm());
        float[] hu = attenuation.toHu(mu);
        // Outside the reconstruction circle there are no data: air, as scanners pad it.
        double half = (like.width() - 1) / 2.0;
        double radius = like.width() / 2.0;
        for (int r = 0; r < like.height(); r++) {
            for (int c = 0; c < like.width(); c++) {
                if (Math.hypot(c - half, r - half) > radius) {
                    hu[r * like.width() + c] = -1024f;
                }
            }
        }
        return new HuSlice(like.width(), like.height(), hu, like.pixelSizeMm());
    }

    void addNoise(float[][] sinogram, DoseSettings s) {
        double gammaMax = geometry.gamma(geometry.detectorCount() - 1);
        double[] flux = new double[geometry.detectorCount()];
        for (int j = 0; j < flux.length; j++) {
            double relative = geometry.gamma(j) / gammaMax;
            flux[j] = s.incidentPhotons() * Math.exp(-s.bowtieStrength() * relative * relative);
        }
        double d = s.doseFraction();
        // One generator per view, split from the seed: the same seed gives the same noise on any
        // number of cores.
        SplittableRandom root = new SplittableRandom(s.seed());
        SplittableRandom[] perView = new SplittableRandom[sinogram.length];
        for (int k = 0; k < perView.length; k++) {
            perView[k] = root.split();
        }
        PhotonNoise noise = new PhotonNoise(s.electronicSd());
        IntStream.range(0, sinogram.length).parallel().forEach(k -> {
            SplittableRandom random = perView[k];
            float[] view = sinogram[k];
            for (int j = 0; j < view.length; j++) {
                double p = view[j];
                if (s.mode() == DoseSettings.Mode.ABSOLUTE) {
                    view[j] = (float) noise.noisyLineIntegral(p, flux[j] * d, random);
                } else if (d < 1) {
                    double e = Math.exp(p) / flux[j];
                    double variance = (1 / d - 1) * e + (1 / (d * d) - 1) * s.electronicSd() * s.electronicSd() * e * e;
                    view[j] = (float) (p + Math.sqrt(variance) * PhotonNoise.gaussian(random));
                }
            }
        });
    }

    private void checkSize(HuSlice slice) {
        if (slice.width() != geometry.imageSize() || slice.height() != geometry.imageSize()
                || Math.abs(slice.pixelSizeMm() - geometry.pixelSizeMm()) > 1e-9) {
            throw new IllegalArgumentException("simulator built for " + geometry.imageSize() + "x" + geometry.imageSize()
                    + " slices of " + geometry.pixelSizeMm() + " mm, got " + slice.width() + "x" + slice.height()
                    + " of " + slice.pixelSizeMm() + " mm");
        }
    }

    public FanBeamGeometry geometry() {
        return geometry;
    }
}
