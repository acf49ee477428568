package org.langmamba.app.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.langmamba.app.SeriesInputs;
import org.langmamba.app.SeriesPairing;
import org.langmamba.app.SimulationInput;
import org.langmamba.app.SimulatorCache;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedDatasetWriter;
import org.langmamba.training.data.PatientSplitter;
import org.langmamba.training.data.Split;
import org.langmamba.training.metrics.NoiseLevel;
import org.langmamba.training.physics.DoseSettings;

/**
 * The wizard's data step: a site's studies turned into a paired data set in the data folder, split
 * by patient into training and validation. Either normal-dose series with simulated low dose, or
 * real low/normal-dose series of the same patient matched slice by slice by position (the noisier
 * of the two is the low dose). The input studies are only read. Every slice or series left out is
 * listed with its reason; nothing usable, or a single patient, stops with a message saying so.
 */
public final class FineTuneData {
    /** Where the low dose comes from. */
    public enum Mode {
        SIMULATED,
        PAIRED
    }

    public record Request(List<Path> inputs, Mode mode, double dose, double validationFraction, long seed) {
        public Request {
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("add at least one study folder, file or DICOMDIR");
            }
            if (mode == Mode.SIMULATED && (dose <= 0 || dose >= 1)) {
                throw new IllegalArgumentException(
                        "dose fraction must be between 0 and 1 (e.g. 0.25 for quarter dose), not " + dose);
            }
            if (validationFraction <= 0 || validationFraction >= 1) {
                throw new IllegalArgumentException(
                        "validation share must be between 0 and 1, not " + validationFraction);
            }
        }
    }

    /** The data set made, what was left out and why, and the split in slices and patients. */
    public record Prepared(PairedDataset dataset, List<String> problems) {
        public String splitSummary() {
            Map<Split, Long> patients = dataset.patientCounts();
            return String.format(
                    Locale.ROOT,
                    "training: %d slices of %d patients; validation: %d slices of %d patients",
                    dataset.pairs(Split.TRAIN).size(),
                    patients.get(Split.TRAIN),
                    dataset.pairs(Split.VALIDATION).size(),
                    patients.get(Split.VALIDATION));
        }
    }

    /** Slices smaller than this are left out: they hold too few patches to learn from. */
    static final int MIN_SIZE = 64;

    private FineTuneData() {}

    public static Prepared prepare(Request request, Path out, LoadMonitor monitor) throws IOException {
        StudyLoad load = new PixelMedStudyStore().read(request.inputs(), monitor);
        List<String> problems = new ArrayList<>();
        load.problems().forEach(p -> problems.add(p.file() + " — " + p.reason()));
        if (load.allSeries().isEmpty()) {
            throw new IOException(
                    "no CT series in " + request.inputs() + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        // The headers already say how many patients there are: refuse before minutes of simulation.
        Set<String> patients = patientsToUse(load, request.mode());
        if (patients.size() < 2) {
            throw new IOException(
                    "fine-tuning needs slices of at least two patients (one to train on, one to validate with); "
                            + "the headers of these inputs name " + patients.size() + " patient(s)"
                            + (patients.isEmpty() ? "" : " (" + String.join(", ", patients) + ")")
                            + (request.mode() == Mode.PAIRED
                                    ? " with a low- and a normal-dose series"
                                    : " with a usable scan")
                            + ": add another patient's study; nothing was simulated or written");
        }
        PairedDatasetWriter writer = new PairedDatasetWriter(out);
        int added = request.mode() == Mode.SIMULATED
                ? simulate(load, request, writer, problems, monitor)
                : pairSeries(load, writer, problems, monitor);
        if (added == 0) {
            throw new IOException(
                    request.mode() == Mode.SIMULATED
                            ? "no slice could be used: " + firstProblems(problems)
                            : "no low/normal-dose pairs found: " + firstProblems(problems));
        }
        PairedDataset set = writer.finish(new PatientSplitter(request.validationFraction(), 0, request.seed()));
        if (set.pairs(Split.VALIDATION).isEmpty() || set.pairs(Split.TRAIN).isEmpty()) {
            throw new IOException(
                    "fine-tuning needs slices of at least two patients (one to train on, one to validate with); "
                            + "these inputs give "
                            + set.patientCounts().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum() + " patient(s)");
        }
        return new Prepared(set, problems);
    }

    private static int simulate(
            StudyLoad load, Request request, PairedDatasetWriter writer, List<String> problems, LoadMonitor monitor)
            throws IOException {
        SimulatorCache simulators = new SimulatorCache();
        int total = load.allSeries().stream().mapToInt(CtSeries::size).sum();
        int done = 0;
        int added = 0;
        for (CtStudy study : load.studies()) {
            for (CtSeries series : study.series()) {
                Optional<String> notAScan = SimulationInput.notAScan(series);
                if (notAScan.isPresent()) { // a denoised or simulated series: no normal dose to simulate from
                    problems.add(series.slice(0).source().file().getParent() + " — " + series.title() + ": "
                            + notAScan.get());
                    done += series.size();
                    continue;
                }
                int index = 0;
                for (CtSlice slice : series.slices()) {
                    checkCancelled(monitor);
                    monitor.progress(done++, total, "simulating " + series.title());
                    index++;
                    Optional<String> problem = usable(slice);
                    if (problem.isPresent()) {
                        problems.add(slice.source().file() + " — " + problem.get());
                        continue;
                    }
                    HuImage ndct = slice.image();
                    DoseSettings dose =
                            DoseSettings.quarterDose(request.seed() + added).withDose(request.dose());
                    HuImage ldct = simulators.simulate(slice, dose);
                    writer.add(
                            SeriesInputs.patientKey(study),
                            SeriesInputs.sliceId(series, index),
                            ndct,
                            ldct,
                            SimulationInput.pixelSizeMm(slice),
                            request.dose(),
                            "simulated " + String.format(Locale.ROOT, "%.0f%%", 100 * request.dose()) + " dose from "
                                    + slice.source().file().getFileName());
                    added++;
                }
            }
        }
        monitor.progress(total, total, "");
        return added;
    }

    /** Why a normal-dose slice cannot be simulated or is too small, if so. */
    /**
     * The patients whose series can give pairs, from the headers alone: a scan (not a denoised or
     * dose-simulated series) of at least {@link #MIN_SIZE} pixels a side; for real pairs, two such
     * series of one matrix.
     */
    static Set<String> patientsToUse(StudyLoad load, Mode mode) {
        Map<String, Map<String, Integer>> matrices = new LinkedHashMap<>();
        for (CtStudy study : load.studies()) {
            for (CtSeries series : study.series()) {
                if (SimulationInput.notAScan(series).isEmpty()
                        && Math.min(series.width(), series.height()) >= MIN_SIZE) {
                    matrices.computeIfAbsent(SeriesInputs.patientKey(study), k -> new LinkedHashMap<>())
                            .merge(series.width() + "x" + series.height(), 1, Integer::sum);
                }
            }
        }
        Set<String> patients = new LinkedHashSet<>();
        matrices.forEach((patient, counts) -> {
            if (mode == Mode.SIMULATED || counts.values().stream().anyMatch(n -> n >= 2)) {
                patients.add(patient);
            }
        });
        return patients;
    }

    static Optional<String> usable(CtSlice slice) {
        Optional<String> problem = SimulationInput.simulationProblem(slice);
        if (problem.isEmpty() && Math.min(slice.width(), slice.height()) < MIN_SIZE) {
            problem =
                    Optional.of(slice.width() + "x" + slice.height() + " is smaller than " + MIN_SIZE + "x" + MIN_SIZE);
        }
        return problem;
    }

    /**
     * Real pairs: within each patient, every two series of one matrix are matched slice by slice
     * by position; a matched couple becomes LDCT/NDCT with the noisier series as the low dose.
     */
    private static int pairSeries(
            StudyLoad load, PairedDatasetWriter writer, List<String> problems, LoadMonitor monitor) throws IOException {
        Map<String, List<CtSeries>> byPatient = new LinkedHashMap<>();
        for (CtStudy study : load.studies()) {
            byPatient
                    .computeIfAbsent(SeriesInputs.patientKey(study), k -> new ArrayList<>())
                    .addAll(study.series());
        }
        int added = 0;
        for (Map.Entry<String, List<CtSeries>> patient : byPatient.entrySet()) {
            List<CtSeries> series = patient.getValue();
            Set<CtSeries> used = new HashSet<>();
            for (int i = 0; i < series.size(); i++) {
                for (int j = i + 1; j < series.size(); j++) {
                    CtSeries a = series.get(i);
                    CtSeries b = series.get(j);
                    if (used.contains(a) || used.contains(b) || a.width() != b.width() || a.height() != b.height()) {
                        continue;
                    }
                    checkCancelled(monitor);
                    SeriesPairing.Result matched;
                    try {
                        matched = SeriesPairing.pair(a, b);
                    } catch (SeriesPairing.GeometryMismatch e) {
                        problems.add("patient " + patient.getKey() + ": " + a.title() + " and " + b.title() + " — "
                                + e.getMessage());
                        continue;
                    }
                    if (matched.pairs().isEmpty()) {
                        continue;
                    }
                    used.add(a);
                    used.add(b);
                    matched.unmatched().forEach(u -> problems.add("patient " + patient.getKey() + ": unmatched " + u));
                    boolean aIsLow = NoiseLevel.of(a) > NoiseLevel.of(b);
                    for (SeriesPairing.Pair p : matched.pairs()) {
                        CtSlice low = aIsLow ? p.first() : p.second();
                        CtSlice normal = aIsLow ? p.second() : p.first();
                        if (Math.min(low.width(), low.height()) < MIN_SIZE) {
                            problems.add(low.source().file() + " — smaller than " + MIN_SIZE + "x" + MIN_SIZE);
                            continue;
                        }
                        writer.add(
                                patient.getKey(),
                                SeriesInputs.sliceId(aIsLow ? b : a, ++added),
                                normal.image(),
                                low.image(),
                                SimulationInput.pixelSizeMm(normal),
                                Double.NaN,
                                "real pair " + low.source().file().getFileName() + " / "
                                        + normal.source().file().getFileName());
                    }
                }
            }
            for (CtSeries s : series) {
                if (!used.contains(s)) {
                    problems.add("patient " + patient.getKey() + ": " + s.title() + " — no partner series of the same "
                            + "matrix with slices at the same positions");
                }
            }
        }
        return added;
    }

    private static String firstProblems(List<String> problems) {
        return problems.isEmpty()
                ? "no slices"
                : String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                        + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : "");
    }

    private static void checkCancelled(LoadMonitor monitor) {
        if (monitor.isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
