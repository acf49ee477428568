package org.langmamba.app;

import java.util.Locale;
import org.langmamba.training.physics.Apodization;
import org.langmamba.training.physics.DoseSettings;
import picocli.CommandLine.Option;

/** The dose-simulation options shared by the commands that simulate low dose. */
final class DoseOptions {
    @Option(
            names = "--dose",
            defaultValue = "0.25",
            description = "dose fraction d of the simulated scan (default ${DEFAULT-VALUE}: quarter dose)")
    double dose;

    @Option(
            names = "--i0",
            defaultValue = "6e5",
            description = "full-dose photons per ray I0 (default ${DEFAULT-VALUE}, see DoseSettings)")
    double incidentPhotons;

    @Option(
            names = "--electronic-sd",
            defaultValue = "10",
            description = "electronic noise SD in counts (default ${DEFAULT-VALUE})")
    double electronicSd;

    @Option(
            names = "--bowtie",
            defaultValue = "0",
            description = "bowtie strength b, flux exp(-b (gamma/gamma_max)^2) (default ${DEFAULT-VALUE}: none)")
    double bowtie;

    @Option(
            names = "--filter",
            defaultValue = "SHEPP_LOGAN",
            description = "reconstruction filter: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Apodization filter;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "random seed (default ${DEFAULT-VALUE}); slice k uses seed + k")
    long seed;

    DoseSettings settings(long sliceNumber) {
        return new DoseSettings(
                dose, incidentPhotons, electronicSd, bowtie, filter, DoseSettings.Mode.INSERT, seed + sliceNumber);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "projection-domain noise insertion, d=%.3f, I0=%.3g, electronic SD %.1f, bowtie %.2f, %s, seed %d",
                dose,
                incidentPhotons,
                electronicSd,
                bowtie,
                filter,
                seed);
    }
}
