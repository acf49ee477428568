package org.langmamba.training.physics;

/**
 * HU to linear attenuation and back: mu = mu_water * (1 + HU / 1000), the definition of the
 * Hounsfield scale. mu_water is taken at the scanner's effective energy; 0.0192 /mm is water at
 * about 70 keV (NIST XCOM), the effective energy of a 120 kVp abdominal scan. Below -1000 HU
 * (padding, noise in air) mu is clamped at 0: negative attenuation is not physical.
 */
public record Attenuation(double muWaterPerMm) {
    public static final Attenuation WATER_70_KEV = new Attenuation(0.0192);

    public Attenuation {
        if (!(muWaterPerMm > 0)) {
            throw new IllegalArgumentException("mu_water must be positive, got " + muWaterPerMm);
        }
    }

    public float mu(float hu) {
        return (float) Math.max(0.0, muWaterPerMm * (1.0 + hu / 1000.0));
    }

    public float hu(float mu) {
        return (float) (1000.0 * (mu / muWaterPerMm - 1.0));
    }

    public float[] toMu(float[] hu) {
        float[] mu = new float[hu.length];
        for (int i = 0; i < hu.length; i++) {
            mu[i] = mu(hu[i]);
        }
        return mu;
    }

    public float[] toHu(float[] mu) {
        float[] hu = new float[mu.length];
        for (int i = 0; i < mu.length; i++) {
            hu[i] = hu(mu[i]);
        }
        return hu;
    }
}
