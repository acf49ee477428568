package org.langmamba.training.physics;

import java.util.SplittableRandom;

/**
 * Quantum and electronic noise on one ray, in the count domain: a detector expecting
 * {@code incident * exp(-p)} photons records a Poisson number of them plus Gaussian electronic
 * noise of SD {@code electronicSd} counts; the log of the record is the noisy line integral.
 * Records below one count are held at one (a detector cannot log zero), as reconstruction
 * pipelines do.
 */
public record PhotonNoise(double electronicSd) {

    /** Noisy line integral for the noise-free integral {@code p} and incident photons {@code incident}. */
    public double noisyLineIntegral(double p, double incident, SplittableRandom random) {
        double expected = incident * Math.exp(-p);
        double counts = poisson(expected, random) + electronicSd * gaussian(random);
        return -Math.log(Math.max(1.0, counts) / incident);
    }

    /**
     * Poisson sample: Knuth's product method for small means, the normal approximation with
     * continuity correction above 1000 counts, where its error is far below the noise itself.
     */
    static double poisson(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 1000) {
            return Math.max(0, Math.floor(mean + Math.sqrt(mean) * gaussian(random) + 0.5));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1 == 0 ? Double.MIN_VALUE : u1)) * Math.cos(2 * Math.PI * u2);
    }
}
