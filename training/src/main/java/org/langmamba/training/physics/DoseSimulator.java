package org.langmamba.training.physics;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.langmamba.imaging.image.HuImage;

/**
 * Low-dose CT from a normal-dose slice, in the projection domain: HU to mu, fan-beam forward
 * projection, photon counts with Poisson and electronic noise at the lowered flux, log, rebinning
 * to parallel beams, filtered back-projection, mu to HU. Geometry, filters and tables are built
 * once per image size and reused for every slice.
 *
 * <p>In {@link DoseSettings.Mode#INSERT} mode the input is a real scan at I0 that already carries
 * its own noise; we add, per ray, Gaussian noise of the variance the lower dose lacks,
 * var = (1/d - 1) e^p / I0 (quantum) + (1/d^2 - 1) sigma_e^2 e^{2p} / I0^2 (electronic), so the
 * total matches a scan at d * I0 (Yu et al., Med. Phys. 39 (2012) 2386). Because FBP is linear,
 * only that noise is reconstructed and added to the input slice: the pair then differs by noise
 * alone, as Mayo's pairs do (they share one reconstruction chain), and not by the blur of our
 * projector and filter. In ABSOLUTE mode the input is noise-free and counts are drawn at d * I0
 * with {@link PhotonNoise}; the whole noisy sinogram is reconstructed.
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

    /**
     * The low-dose version of {@code slice}, whose pixels are {@code pixelSizeMm} wide (it must be the
     * size this simulator was built for: the noise depends on it).
     */
    public HuImage simulate(HuImage slice, double pixelSizeMm, DoseSettings settings) {
        float[][] sinogram = project(slice, pixelSizeMm);
        if (settings.mode() == DoseSettings.Mode.ABSOLUTE) {
            addNoise(sinogram, settings);
            return reconstruct(sinogram, slice, settings.apodization());
        }
        float[][] noise = insertedNoise(sinogram, settings);
        float[] deltaMu = new ParallelFbp(settings.apodization())
                .reconstruct(rebinner.rebin(noise), slice.width(), geometry.pixelSizeMm());
        float[] hu = slice.toArray();
        double huPerMu = 1000.0 / attenuation.muWaterPerMm();
        for (int i = 0; i < hu.length; i++) {
            if (insideCircle(i, slice.width())) {
                hu[i] += (float) (deltaMu[i] * huPerMu);
            }
        }
        return new HuImage(slice.width(), slice.height(), hu);
    }

    /** Projection and reconstruction without noise: what the pipeline alone does to a slice. */
    public HuImage roundTrip(HuImage slice, double pixelSizeMm, Apodization apodization) {
        return reconstruct(project(slice, pixelSizeMm), slice, apodization);
    }

    float[][] project(HuImage slice, double pixelSizeMm) {
        checkSize(slice, pixelSizeMm);
        return projector.project(attenuation.toMu(slice.toArray()));
    }

    private HuImage reconstruct(float[][] fanSinogram, HuImage like, Apodization apodization) {
        float[] mu = new ParallelFbp(apodization)
                .reconstruct(rebinner.rebin(fanSinogram), like.width(), geometry.pixelSizeMm());
        float[] hu = attenuation.toHu(mu);
        // Outside the reconstruction circle there are no data: air, as scanners pad it.
        for (int i = 0; i < hu.length; i++) {
            if (!insideCircle(i, like.width())) {
                hu[i] = -1024f;
            }
        }
        return new HuImage(like.width(), like.height(), hu);
    }

    private static boolean insideCircle(int index, int n) {
        double half = (n - 1) / 2.0;
        return Math.hypot(index % n - half, index / n - half) <= n / 2.0;
    }

    /** Per-ray noise that turns a scan at I0 into one at d * I0 (INSERT mode), as a sinogram. */
    float[][] insertedNoise(float[][] sinogram, DoseSettings s) {
        double[] flux = flux(s);
        double d = s.doseFraction();
        float[][] noise = new float[sinogram.length][sinogram[0].length];
        SplittableRandom[] perView = generators(s.seed(), sinogram.length);
        IntStream.range(0, sinogram.length).parallel().forEach(k -> {
            for (int j = 0; j < sinogram[k].length; j++) {
                double e = Math.exp(sinogram[k][j]) / flux[j];
                double variance = (1 / d - 1) * e + (1 / (d * d) - 1) * s.electronicSd() * s.electronicSd() * e * e;
                noise[k][j] = (float) (Math.sqrt(variance) * PhotonNoise.gaussian(perView[k]));
            }
        });
        return noise;
    }

    /** Replaces each line integral by a noisy one drawn at d * I0 (ABSOLUTE mode). */
    void addNoise(float[][] sinogram, DoseSettings s) {
        double[] flux = flux(s);
        SplittableRandom[] perView = generators(s.seed(), sinogram.length);
        PhotonNoise noise = new PhotonNoise(s.electronicSd());
        IntStream.range(0, sinogram.length).parallel().forEach(k -> {
            float[] view = sinogram[k];
            for (int j = 0; j < view.length; j++) {
                view[j] = (float) noise.noisyLineIntegral(view[j], flux[j] * s.doseFraction(), perView[k]);
            }
        });
    }

    /** Full-dose photons per ray: I0 shaped by the bowtie. */
    private double[] flux(DoseSettings s) {
        double gammaMax = geometry.gamma(geometry.detectorCount() - 1);
        double[] flux = new double[geometry.detectorCount()];
        for (int j = 0; j < flux.length; j++) {
            double relative = geometry.gamma(j) / gammaMax;
            flux[j] = s.incidentPhotons() * Math.exp(-s.bowtieStrength() * relative * relative);
        }
        return flux;
    }

    /** One generator per view, split from the seed: the same seed gives the same noise on any number of cores. */
    private static SplittableRandom[] generators(long seed, int views) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] perView = new SplittableRandom[views];
        for (int k = 0; k < views; k++) {
            perView[k] = root.split();
        }
        return perView;
    }

    private void checkSize(HuImage slice, double pixelSizeMm) {
        if (slice.width() != geometry.imageSize()
                || slice.height() != geometry.imageSize()
                || Math.abs(pixelSizeMm - geometry.pixelSizeMm()) > 1e-9) {
            throw new IllegalArgumentException("simulator built for " + geometry.imageSize() + "x"
                    + geometry.imageSize()
                    + " slices of " + geometry.pixelSizeMm() + " mm, got " + slice.width() + "x" + slice.height()
                    + " of " + pixelSizeMm + " mm");
        }
    }

    public FanBeamGeometry geometry() {
        return geometry;
    }
}
