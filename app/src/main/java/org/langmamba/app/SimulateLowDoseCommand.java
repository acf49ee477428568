package org.langmamba.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.DerivedSeriesRequest;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.HuImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a simulated low-dose copy of each CT series as a new DICOM series, viewable beside the original. */
@Command(
        name = "simulate-ldct",
        mixinStandardHelpOptions = true,
        description =
                "Simulate a low-dose scan of normal-dose CT series; write each as a new DICOM series under --out.")
final class SimulateLowDoseCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(names = "--out", required = true, description = "new folder for the simulated series (must not exist)")
    Path out;

    @Mixin
    DoseOptions dose = new DoseOptions();

    @Override
    public Integer call() throws Exception {
        OutputFolder output = OutputFolder.create(out);
        try {
            return simulateInto();
        } finally {
            output.removeIfEmpty();
        }
    }

    private int simulateInto() throws Exception {
        SimulatorCache simulators = new SimulatorCache();
        PixelMedStudyStore store = new PixelMedStudyStore();
        int written = 0;
        long sliceNumber = 0;
        for (SeriesInputs.StudySeries s : SeriesInputs.read(study.paths(), "Reading")) {
            Optional<String> problem = SimulationInput.notAScan(s.series())
                    .or(() -> s.series().slices().stream()
                            .map(SimulationInput::simulationProblem)
                            .flatMap(Optional::stream)
                            .findFirst());
            if (problem.isPresent()) {
                System.err.println("  skipped series " + s.series().title() + ": " + problem.get());
                continue;
            }
            ConsoleProgress progress =
                    new ConsoleProgress("Simulating " + s.series().title());
            List<HuImage> images = new ArrayList<>();
            for (CtSlice slice : s.series().slices()) {
                progress.progress(images.size(), s.series().size(), "");
                images.add(simulators.simulate(slice, dose.settings(sliceNumber++)));
            }
            progress.progress(images.size(), s.series().size(), "");
            String description = String.format(
                    Locale.ROOT,
                    "Simulated %.0f%% dose of %s",
                    100 * dose.dose,
                    s.series().title());
            Path folder = out.resolve(
                    String.format(Locale.ROOT, "%02d-%s", ++written, s.series().seriesInstanceUid()));
            store.writeDerivedSeries(
                    new DerivedSeriesRequest(
                            s.study(),
                            s.series(),
                            images,
                            description,
                            "LangMamba dose simulator: " + dose.describe(),
                            s.series().seriesNumber() + 1000),
                    folder);
            System.out.println("wrote " + description + " (" + images.size() + " slices) to " + folder);
        }
        if (written == 0) {
            System.err.println("simulate-ldct: no series could be simulated");
            return 1;
        }
        return 0;
    }
}
