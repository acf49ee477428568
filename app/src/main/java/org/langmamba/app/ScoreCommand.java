package org.langmamba.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.data.SliceFiles;
import org.langmamba.training.metrics.SliceScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** PSNR / SSIM / FSIM of a test series against its reference, per slice and as mean ± SD. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description =
                "Score a test CT series (e.g. denoised) against a reference (NDCT): per-slice PSNR/SSIM/FSIM, mean ± SD, CSV.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, description = "the reference series (folder or files)")
    Path reference;

    @Option(names = "--test", required = true, description = "the series to score")
    Path test;

    @Option(
            names = "--window",
            defaultValue = "-160,240",
            split = ",",
            description = "HU window lower,upper (default ${DEFAULT-VALUE}, the paper's)")
    double[] window;

    @Option(names = "--csv", description = "write the per-slice table to this new CSV file")
    Path csv;

    @Override
    public Integer call() throws Exception {
        if (window.length != 2) {
            System.err.println("score: --window takes lower,upper in HU");
            return 2;
        }
        if (csv != null && Files.exists(csv)) {
            System.err.println("score: " + csv + " exists; choose a new file");
            return 2;
        }
        Window scoreWindow = Window.ofBounds(window[0], window[1]);
        SeriesInputs.StudySeries ref = SeriesInputs.single(List.of(reference), "reference");
        SeriesInputs.StudySeries tst = SeriesInputs.single(List.of(test), "test");
        SeriesInputs.requireSamePatient(tst, ref, "test", "reference");
        SeriesPairing.Result pairing = SeriesPairing.pair(tst.series(), ref.series());
        pairing.unmatched().forEach(u -> System.err.println("  unmatched: " + u));
        if (pairing.pairs().isEmpty()) {
            System.err.println("score: no slice of the test series matches the reference by position");
            return 1;
        }
        System.out.printf(
                Locale.ROOT,
                "Scores in %s: test '%s' against reference '%s'%n",
                scoreWindow.bounds(),
                tst.series().title(),
                ref.series().title());
        System.out.printf(Locale.ROOT, "%5s  %-24s %10s %8s %8s%n", "slice", "test file", "PSNR dB", "SSIM", "FSIM");
        StringBuilder table = new StringBuilder("slice,test_file,reference_file,psnr_db,ssim,fsim\n");
        List<SliceScores> all = new ArrayList<>();
        int k = 0;
        for (SeriesPairing.Pair p : pairing.pairs()) {
            SliceScores s = SliceScores.of(
                    p.second().image().toArray(),
                    p.first().image().toArray(),
                    p.first().width(),
                    p.first().height(),
                    scoreWindow);
            all.add(s);
            k++;
            String testName = p.first().source().file().getFileName().toString();
            System.out.printf(
                    Locale.ROOT, "%5d  %-24s %10.2f %8.4f %8.4f%n", k, testName, s.psnr(), s.ssim(), s.fsim());
            table.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%.4f,%.6f,%.6f%n",
                    k,
                    testName,
                    p.second().source().file().getFileName(),
                    s.psnr(),
                    s.ssim(),
                    s.fsim()));
        }
        double[] psnr = all.stream().mapToDouble(SliceScores::psnr).toArray();
        double[] ssim = all.stream().mapToDouble(SliceScores::ssim).toArray();
        double[] fsim = all.stream().mapToDouble(SliceScores::fsim).toArray();
        System.out.printf(
                Locale.ROOT,
                "mean ± SD over %d slices: PSNR %s dB, SSIM %s, FSIM %s%n",
                all.size(),
                meanSd(psnr, "%.2f"),
                meanSd(ssim, "%.4f"),
                meanSd(fsim, "%.4f"));
        if (csv != null) {
            SliceFiles.writeAtomically(table.toString().getBytes(StandardCharsets.UTF_8), csv);
            System.out.println("per-slice scores written to " + csv);
        }
        return 0;
    }

    /** "m ± s" with the sample SD (0 for one slice). */
    static String meanSd(double[] values, String format) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return String.format(Locale.ROOT, format + " ± " + format, mean, sd);
    }
}
