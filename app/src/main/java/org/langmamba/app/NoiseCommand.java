package org.langmamba.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.HuImages;
import org.langmamba.imaging.image.NoisePowerSpectrum;
import org.langmamba.imaging.image.PixelSpacing;
import org.langmamba.imaging.image.Roi;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SafeFiles;
import org.langmamba.viewer.processing.SliceDenoiser;
import org.langmamba.viewer.settings.SettingsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The physicist's noise read-out on the command line: noise SD and the noise power spectrum of one
 * rectangular region over a run of slices, of the series as stored, of a simulated lower dose of it,
 * and of its denoised copy and the difference. Thin slices can be averaged in groups to compare
 * with a thicker real scan (noise variance falls with thickness).
 */
@Command(
        name = "nps",
        mixinStandardHelpOptions = true,
        description = "Noise SD and noise power spectrum (radial) of a region over slices of one series;"
                + " optionally of a simulated lower dose, and of a denoised copy and the difference.")
final class NoiseCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(
            names = "--roi",
            required = true,
            split = ",",
            description = "the region in pixels: left,top,right,bottom (e.g. 200,220,264,284)")
    int[] roi;

    @Option(names = "--slices", description = "first-last slice, 1-based, in the series' order (default: all)")
    String slices;

    @Option(
            names = "--sub-region",
            defaultValue = "32",
            description = "edge of the square sub-regions, a power of two (default ${DEFAULT-VALUE})")
    int subRegion;

    @Option(
            names = "--simulate-dose",
            description = "simulate this fraction of the stored dose first (projection-domain, as simulate-ldct)")
    Double simulatedDose;

    @Option(
            names = "--average",
            defaultValue = "1",
            description = "average consecutive slices in groups of this many (e.g. 2 x 2.5 mm to compare with 5 mm)")
    int average;

    @Option(names = "--denoise", description = "also the denoised copy and denoised − original")
    boolean denoise;

    @Mixin
    DenoiserOptions denoiser = new DenoiserOptions();

    @Option(names = "--csv", description = "write the radial curves to this new CSV file")
    Path csv;

    /** One simulator per slice size for the whole run: its ray geometry is worked out once per size. */
    private final SimulatorCache simulators = new SimulatorCache();

    @Override
    public Integer call() throws IOException {
        if (roi.length != 4) {
            throw new IllegalArgumentException("--roi takes left,top,right,bottom in pixels");
        }
        if (csv != null && Files.exists(csv)) {
            throw new IllegalArgumentException(csv + " exists; choose a new file");
        }
        SeriesInputs.StudySeries input = SeriesInputs.single(study.paths(), "series");
        CtSeries series = input.series();
        if (simulatedDose != null) {
            SimulationInput.notAScan(series).ifPresent(problem -> {
                throw new IllegalArgumentException(series.title() + ": " + problem);
            });
        }
        List<CtSlice> chosen = chosenSlices(series);
        PixelSpacing spacing = chosen.get(0).geometry().spacing();
        List<HuImage> images = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            images.add(simulatedDose == null ? chosen.get(i).image() : simulated(chosen.get(i), i + 1));
        }
        images = averaged(images);
        Roi region = Roi.Rectangle.between(roi[0], roi[1], roi[2], roi[3]);
        List<String> names = new ArrayList<>(List.of(label()));
        List<NoisePowerSpectrum> spectra =
                new ArrayList<>(List.of(NoisePowerSpectrum.of(images, region, spacing, subRegion)));
        if (denoise) {
            NetworkBackend backend =
                    new NetworkBackend(SettingsStore.forUser().load().settings().modelsFolder());
            ModelChoice model = denoiser.resolve(backend);
            List<HuImage> denoised = new ArrayList<>();
            List<HuImage> difference = new ArrayList<>();
            try (SliceDenoiser network = backend.openDenoiser(model, denoiser.device())) {
                for (HuImage image : images) {
                    HuImage d = network.denoise(image);
                    denoised.add(d);
                    difference.add(HuImages.difference(d, image));
                }
            }
            names.add("denoised by " + model.label());
            spectra.add(NoisePowerSpectrum.of(denoised, region, spacing, subRegion));
            names.add("denoised − original");
            spectra.add(NoisePowerSpectrum.of(difference, region, spacing, subRegion));
        }
        System.out.printf(
                Locale.ROOT,
                "%s, slices %s (%d image(s) of %s), region %d,%d-%d,%d, %d x %d sub-regions, pixel %.3f mm%n",
                series.title(),
                slices == null ? "all" : slices,
                images.size(),
                average > 1 ? average + " slices averaged" : "one slice",
                roi[0],
                roi[1],
                roi[2],
                roi[3],
                subRegion,
                subRegion,
                spacing.columnMm());
        System.out.printf(
                Locale.ROOT,
                "%-36s %8s %14s %14s %14s %8s%n",
                "",
                "SD HU",
                "peak /mm",
                "mean f /mm",
                "area HU²",
                "regions");
        for (int i = 0; i < spectra.size(); i++) {
            NoisePowerSpectrum s = spectra.get(i);
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %8.2f %14.3f %14.3f %14.1f %8d%n",
                    names.get(i),
                    s.sd(),
                    s.peakFrequencyPerMm(),
                    s.meanFrequencyPerMm(),
                    s.variance(),
                    s.regions());
        }
        if (csv != null) {
            SafeFiles.writeNew(csv, NoisePowerSpectrum.csv(names, spectra).getBytes(StandardCharsets.UTF_8));
            System.out.println("radial NPS written to " + csv);
        }
        return 0;
    }

    private String label() {
        return simulatedDose == null
                ? "as stored"
                : String.format(Locale.ROOT, "simulated %.0f%% dose", 100 * simulatedDose);
    }

    private List<CtSlice> chosenSlices(CtSeries series) {
        int first = 1;
        int last = series.size();
        if (slices != null) {
            String[] range = slices.split("-");
            first = Integer.parseInt(range[0].trim());
            last = range.length > 1 ? Integer.parseInt(range[1].trim()) : first;
        }
        if (first < 1 || last > series.size() || first > last) {
            throw new IllegalArgumentException(
                    "--slices " + slices + " is outside the series' 1-" + series.size() + " slices");
        }
        return series.slices().subList(first - 1, last);
    }

    /** The slice at the chosen fraction of its dose, noise seeded by its place in the run (reproducible). */
    private HuImage simulated(CtSlice slice, long seed) {
        SimulationInput.simulationProblem(slice).ifPresent(problem -> {
            throw new IllegalArgumentException(slice.source().file() + ": " + problem);
        });
        return simulators.simulate(slice, DoseSettings.quarterDose(seed).withDose(simulatedDose));
    }

    private List<HuImage> averaged(List<HuImage> images) {
        if (average <= 1) {
            return images;
        }
        List<HuImage> out = new ArrayList<>();
        for (int start = 0; start + average <= images.size(); start += average) {
            HuImage first = images.get(start);
            float[] sum = new float[first.width() * first.height()];
            for (int k = 0; k < average; k++) {
                float[] hu = images.get(start + k).toArray();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += hu[i] / average;
                }
            }
            out.add(new HuImage(first.width(), first.height(), sum));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(images.size() + " slice(s) make no group of " + average);
        }
        return out;
    }
}
