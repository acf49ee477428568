package org.langmamba.training.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.metrics.SliceScores;

/**
 * Scores a denoiser on whole slices against their NDCT: PSNR / SSIM / FSIM per slice in a HU window,
 * their mean and SD, and seconds per slice. Validation during training and the results table use it.
 */
public final class SeriesEvaluation {
    /** Scores of one slice and the seconds its denoising took. */
    public record SliceResult(PairedSlice pair, SliceScores scores, double seconds) {}

    /** Mean and SD of each score over slices, and the mean time per slice. */
    public record Summary(
            int slices,
            double psnrMean,
            double psnrSd,
            double ssimMean,
            double ssimSd,
            double fsimMean,
            double fsimSd,
            double secondsPerSlice) {
        public String format() {
            return String.format(
                    Locale.ROOT,
                    "PSNR %.2f ± %.2f dB, SSIM %.4f ± %.4f, FSIM %.4f ± %.4f (%d slices, %.2f s/slice)",
                    psnrMean,
                    psnrSd,
                    ssimMean,
                    ssimSd,
                    fsimMean,
                    fsimSd,
                    slices,
                    secondsPerSlice);
        }
    }

    private SeriesEvaluation() {}

    /** {@code denoiser} maps a slice (HU, row-major) to its denoised HU; null scores the LDCT as it is. */
    public static List<SliceResult> evaluate(List<PairedSlice> pairs, UnaryOperator<HuImage> denoiser, Window window)
            throws IOException {
        List<SliceResult> results = new ArrayList<>();
        for (PairedSlice pair : pairs) {
            HuImage low = pair.loadLowDose();
            HuImage normal = pair.loadNormalDose();
            long start = System.nanoTime();
            HuImage out = denoiser == null ? low : denoiser.apply(low);
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add(new SliceResult(
                    pair,
                    SliceScores.of(normal.toArray(), out.toArray(), pair.width(), pair.height(), window),
                    seconds));
        }
        return results;
    }

    public static Summary summarise(List<SliceResult> results) {
        double[] psnr = results.stream().mapToDouble(r -> r.scores().psnr()).toArray();
        double[] ssim = results.stream().mapToDouble(r -> r.scores().ssim()).toArray();
        double[] fsim = results.stream().mapToDouble(r -> r.scores().fsim()).toArray();
        double seconds =
                results.stream().mapToDouble(SliceResult::seconds).average().orElse(0);
        return new Summary(results.size(), mean(psnr), sd(psnr), mean(ssim), sd(ssim), mean(fsim), sd(fsim), seconds);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample SD (n - 1); 0 for one slice. */
    private static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
