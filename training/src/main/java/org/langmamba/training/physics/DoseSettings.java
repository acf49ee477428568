package org.langmamba.training.physics;

/**
 * What a low-dose simulation does.
 *
 * @param doseFraction       d in (0, 1]: the low-dose flux is d * I0 (0.25 = quarter dose)
 * @param incidentPhotons    I0, photons per ray and view of the full-dose scan at the central
 *                           channel. Our 2-D, 720-view scan with fine channels has fewer, thinner
 *                           rays than a clinical multi-row acquisition, so I0 is an effective
 *                           figure, calibrated (6e5, Shepp-Logan filter) so that the quarter dose
 *                           of the sample chest slice scores about 23 dB / 0.74 SSIM against
 *                           it in [-160, 240] HU, the range Mayo-2016 quarter-dose data score in.
 * @param electronicSd       SD of the detector's electronic noise in counts (10 is typical)
 * @param bowtieStrength     b: the bowtie filter lets exp(-b (gamma / gamma_max)^2) of the central
 *                           flux through at fan angle gamma; 0 disables it
 * @param apodization        window on the reconstruction ramp filter
 * @param mode               {@link Mode#INSERT} treats the input as a scan at I0 and adds only
 *                           the missing noise (how the Mayo quarter-dose data were made);
 *                           {@link Mode#ABSOLUTE} treats the input as noise-free and simulates a
 *                           scan at d * I0 (phantoms, tests)
 * @param seed               random seed: the same seed gives the same noise
 */
public record DoseSettings(
        double doseFraction,
        double incidentPhotons,
        double electronicSd,
        double bowtieStrength,
        Apodization apodization,
        Mode mode,
        long seed) {
    public enum Mode {
        INSERT,
        ABSOLUTE
    }

    public static final double DEFAULT_INCIDENT_PHOTONS = 6e5;

    public DoseSettings {
        if (!(doseFraction > 0 && doseFraction <= 1)) {
            throw new IllegalArgumentException("dose fraction must be in (0, 1], got " + doseFraction);
        }
        if (!(incidentPhotons > 0) || electronicSd < 0 || bowtieStrength < 0) {
            throw new IllegalArgumentException("I0 must be positive, electronic SD and bowtie not negative");
        }
    }

    public static DoseSettings quarterDose(long seed) {
        return new DoseSettings(0.25, DEFAULT_INCIDENT_PHOTONS, 10.0, 0.0, Apodization.SHEPP_LOGAN, Mode.INSERT, seed);
    }

    public DoseSettings withDose(double d) {
        return new DoseSettings(d, incidentPhotons, electronicSd, bowtieStrength, apodization, mode, seed);
    }

    public DoseSettings withMode(Mode m) {
        return new DoseSettings(doseFraction, incidentPhotons, electronicSd, bowtieStrength, apodization, m, seed);
    }

    public DoseSettings withSeed(long s) {
        return new DoseSettings(doseFraction, incidentPhotons, electronicSd, bowtieStrength, apodization, mode, s);
    }

    public DoseSettings withElectronicSd(double sd) {
        return new DoseSettings(doseFraction, incidentPhotons, sd, bowtieStrength, apodization, mode, seed);
    }
}
