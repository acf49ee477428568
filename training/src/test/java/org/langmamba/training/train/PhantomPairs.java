package org.langmamba.training.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedDatasetWriter;
import org.langmamba.training.data.PatientSplitter;
import org.langmamba.training.phantom.PhantomPatients;
import org.langmamba.training.phantom.Phantoms;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;

/** The small paired data sets the training tests run on. */
final class PhantomPairs {
    private PhantomPairs() {}

    /**
     * Five phantom patients (abdomen and head, each its own noise), 64x64, quarter dose simulated in
     * projections; {@code poisoned}: every low-dose pixel NaN.
     */
    static PairedDataset write(Path folder, boolean poisoned) throws Exception {
        PairedDatasetWriter writer = new PairedDatasetWriter(folder);
        DoseSimulator simulator = DoseSimulator.forSlice(64, 6.0);
        for (int p = 0; p < 5; p++) {
            HuImage ndct = (p % 2 == 0 ? Phantoms.abdomen() : Phantoms.sheppLogan()).rasterise(64);
            HuImage ldct = simulator.simulate(ndct, 6.0, DoseSettings.quarterDose(p));
            if (poisoned) {
                float[] hu = ldct.toArray();
                Arrays.fill(hu, Float.NaN);
                ldct = new HuImage(64, 64, hu);
            }
            writer.add("PHANTOM^" + p, "s0", ndct, ldct, 6.0, 0.25, "phantom");
        }
        return writer.finish(new PatientSplitter(0.2, 0.2, 3));
    }

    /**
     * Six phantom patients (abdomen and head variants with tissue texture, as make-dataset's), one
     * 128x128 slice each at 3 mm, simulated at {@code dose}; the first patient validates, the others
     * train.
     */
    static PairedDataset textured(Path folder, double dose) throws Exception {
        PairedDatasetWriter writer = new PairedDatasetWriter(folder);
        DoseSimulator simulator = DoseSimulator.forSlice(128, 3.0);
        for (int p = 0; p < 6; p++) {
            HuImage ndct = PhantomPatients.slice(p, 0, 128);
            writer.add(
                    PhantomPatients.patientId(p),
                    "s0",
                    ndct,
                    simulator.simulate(ndct, 3.0, DoseSettings.quarterDose(p).withDose(dose)),
                    3.0,
                    dose,
                    "phantom");
        }
        return writer.finish(new PatientSplitter(0, 0, 1, Set.of(), Set.of(PhantomPatients.patientId(0))));
    }
}
