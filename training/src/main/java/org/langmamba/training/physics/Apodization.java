package org.langmamba.training.physics;

/**
 * Windows applied to the ramp filter, as a function of frequency relative to Nyquist (0..1).
 * Ram-Lak keeps the full ramp (sharpest, noisiest); Shepp-Logan multiplies by a sinc; Hann
 * rolls off to zero at Nyquist (smoothest).
 */
public enum Apodization {
    RAM_LAK,
    SHEPP_LOGAN,
    HANN;

    double weight(double relativeFrequency) {
        double f = Math.min(1.0, Math.abs(relativeFrequency));
        return switch (this) {
            case RAM_LAK -> 1.0;
            case SHEPP_LOGAN -> f == 0 ? 1.0 : Math.sin(Math.PI * f / 2) / (Math.PI * f / 2);
            case HANN -> 0.5 * (1 + Math.cos(Math.PI * f));
        };
    }
}
