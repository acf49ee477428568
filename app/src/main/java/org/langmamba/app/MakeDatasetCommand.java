package org.langmamba.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedDatasetWriter;
import org.langmamba.training.data.PatientSplitter;
import org.langmamba.training.phantom.PhantomPatients;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Builds a paired LDCT/NDCT data set for training: from normal-dose series with simulated low
 * dose, or from real low/normal-dose series pairs matched slice by slice. Split by patient.
 */
@Command(
        name = "make-dataset",
        mixinStandardHelpOptions = true,
        description =
                "Build a paired LDCT/NDCT data set (float32 HU + manifest.tsv), split train/validation/test by patient.")
final class MakeDatasetCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "new folder for the data set")
    Path out;

    @Option(
            names = "--ndct",
            arity = "1..*",
            paramLabel = "INPUT",
            description = "normal-dose inputs; low dose is simulated")
    List<Path> normalDose = new ArrayList<>();

    @Option(names = "--sample", description = "add the bundled sample study as normal-dose input")
    boolean sample;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<RealPair> realPairs = new ArrayList<>();

    static final class RealPair {
        @Option(names = "--ldct-series", required = true, description = "a real low-dose series (folder)")
        Path lowDose;

        @Option(names = "--ndct-series", required = true, description = "the normal-dose series of the same scan")
        Path normalDose;
    }

    @Option(
            names = "--validation",
            defaultValue = "0.2",
            description = "fraction of patients for validation (default ${DEFAULT-VALUE})")
    double validation;

    @Option(
            names = "--test",
            defaultValue = "0.2",
            description = "fraction of patients for test (default ${DEFAULT-VALUE})")
    double test;

    @Option(
            names = "--test-patient",
            paramLabel = "PATIENT_ID",
            description = "put this patient in the test split (repeatable)")
    List<String> testPatients = new ArrayList<>();

    @Option(
            names = "--validation-patient",
            paramLabel = "PATIENT_ID",
            description = "put this patient in the validation split (repeatable)")
    List<String> validationPatients = new ArrayList<>();

    @Option(
            names = "--slice-step",
            defaultValue = "1",
            description =
                    "use every n-th slice of each --ndct series (thin adjacent slices are near copies; default ${DEFAULT-VALUE})")
    int sliceStep;

    @Option(
            names = "--min-size",
            defaultValue = "64",
            description = "leave out slices smaller than this (default ${DEFAULT-VALUE} px)")
    int minSize;

    @Option(
            names = "--phantoms",
            defaultValue = "0",
            description = "add this many made-up phantom patients (default ${DEFAULT-VALUE})")
    int phantoms;

    @Option(
            names = "--phantom-slices",
            defaultValue = "2",
            description = "slices per phantom patient (default ${DEFAULT-VALUE})")
    int phantomSlices;

    @Option(
            names = "--phantom-size",
            defaultValue = "256",
            description = "phantom slice edge in px (default ${DEFAULT-VALUE})")
    int phantomSize;

    @Option(
            names = "--phantom-pixel",
            defaultValue = "1.5",
            description = "phantom pixel size in mm (default ${DEFAULT-VALUE})")
    double phantomPixelMm;

    @Mixin
    DoseOptions dose = new DoseOptions();

    @Override
    public Integer call() throws Exception {
        if (sliceStep < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--slice-step must be 1 or more, got " + sliceStep);
        }
        PairedDatasetWriter writer = new PairedDatasetWriter(out);
        int added = 0;
        if (!normalDose.isEmpty() || sample) {
            added += simulatePairs(writer);
        }
        for (RealPair pair : realPairs) {
            added += realPairs(writer, pair);
        }
        added += phantomPairs(writer);
        if (added == 0) {
            System.err.println(
                    "make-dataset: no pairs; give --ndct inputs, --sample, --phantoms or --ldct-series/--ndct-series");
            return 1;
        }
        PairedDataset set = writer.finish(new PatientSplitter(
                validation, test, dose.seed, Set.copyOf(testPatients), Set.copyOf(validationPatients)));
        System.out.println("data set in " + out + ": " + set.summary());
        return 0;
    }

    private int simulatePairs(PairedDatasetWriter writer) throws Exception {
        SimulatorCache simulators = new SimulatorCache();
        int added = 0;
        long sliceNumber = 0;
        for (SeriesInputs.StudySeries s : SeriesInputs.read(normalDoseInputs(), "Reading NDCT")) {
            Optional<String> notAScan = SimulationInput.notAScan(s.series());
            if (notAScan.isPresent()) { // e.g. the sample study's simulated quarter dose
                System.err.println("  left out " + s.series().title() + " ("
                        + s.series().slice(0).source().file().getParent() + "): " + notAScan.get());
                continue;
            }
            ConsoleProgress progress =
                    new ConsoleProgress("Simulating " + s.series().title());
            int index = 0;
            for (CtSlice slice : s.series().slices()) {
                int position = index++;
                progress.progress(position, s.series().size(), "");
                if (position % sliceStep != 0) {
                    continue;
                }
                Optional<String> problem = SimulationInput.simulationProblem(slice);
                if (problem.isEmpty() && Math.min(slice.width(), slice.height()) < minSize) {
                    problem = Optional.of(slice.width() + "x" + slice.height() + " is below --min-size " + minSize);
                }
                if (problem.isPresent()) {
                    System.err.println("  left out " + slice.source().file() + ": " + problem.get());
                    continue;
                }
                HuImage ndct = slice.image();
                HuImage ldct = simulators.simulate(slice, dose.settings(sliceNumber++));
                writer.add(
                        s.patientKey(),
                        sliceId(s, index),
                        ndct,
                        ldct,
                        SimulationInput.pixelSizeMm(slice),
                        dose.dose,
                        "simulated from " + slice.source().file().getFileName() + ": " + dose.describe());
                added++;
            }
            progress.progress(index, s.series().size(), "");
        }
        return added;
    }

    /**
     * Phantom patients: the noise-free object scanned at full dose (ABSOLUTE mode, d = 1) is the
     * NDCT, and the low dose is inserted into that scan, exactly as for a real slice.
     */
    private int phantomPairs(PairedDatasetWriter writer) throws IOException {
        if (phantoms <= 0) {
            return 0;
        }
        DoseSimulator simulator = DoseSimulator.forSlice(phantomSize, phantomPixelMm);
        ConsoleProgress progress = new ConsoleProgress("Simulating phantom patients");
        int total = phantoms * phantomSlices;
        int added = 0;
        for (int p = 0; p < phantoms; p++) {
            for (int s = 0; s < phantomSlices; s++) {
                progress.progress(added, total, PhantomPatients.patientId(p));
                long sliceSeed = 1_000_000L + added;
                HuImage object = PhantomPatients.slice(p, s, phantomSize);
                DoseSettings low = dose.settings(sliceSeed);
                DoseSettings full = new DoseSettings(
                        1.0,
                        low.incidentPhotons(),
                        low.electronicSd(),
                        low.bowtieStrength(),
                        low.apodization(),
                        DoseSettings.Mode.ABSOLUTE,
                        low.seed() + 7_777_777L);
                HuImage ndct = simulator.simulate(object, phantomPixelMm, full);
                HuImage ldct = simulator.simulate(ndct, phantomPixelMm, low);
                writer.add(
                        PhantomPatients.patientId(p),
                        String.format(Locale.ROOT, "phantom-%02d", s),
                        ndct,
                        ldct,
                        phantomPixelMm,
                        dose.dose,
                        "phantom " + PhantomPatients.kind(p) + ", scanned at full dose then " + dose.describe());
                added++;
            }
        }
        progress.progress(total, total, "");
        return added;
    }

    private List<Path> normalDoseInputs() {
        List<Path> all = new ArrayList<>(normalDose);
        if (sample) {
            all.add(SharedResources.sampleStudy());
        }
        return all;
    }

    private int realPairs(PairedDatasetWriter writer, RealPair pair) throws Exception {
        SeriesInputs.StudySeries low = SeriesInputs.single(List.of(pair.lowDose), "LDCT");
        SeriesInputs.StudySeries normal = SeriesInputs.single(List.of(pair.normalDose), "NDCT");
        SeriesInputs.requireSamePatient(low, normal, "LDCT", "NDCT");
        SeriesPairing.Result result = SeriesPairing.pair(low.series(), normal.series());
        result.unmatched().forEach(u -> System.err.println("  unmatched: " + u));
        int added = 0;
        for (SeriesPairing.Pair p : result.pairs()) {
            if (Math.min(p.first().width(), p.first().height()) < minSize) {
                System.err.println("  left out " + p.first().source().file() + ": below --min-size " + minSize);
                continue;
            }
            writer.add(
                    normal.patientKey(),
                    sliceId(normal, ++added),
                    p.second().image(),
                    p.first().image(),
                    SimulationInput.pixelSizeMm(p.second()),
                    dose.dose,
                    "real pair " + p.first().source().file().getFileName() + " / "
                            + p.second().source().file().getFileName());
        }
        return added;
    }

    private static String sliceId(SeriesInputs.StudySeries s, int index) {
        return SeriesInputs.sliceId(s.series(), index);
    }
}
