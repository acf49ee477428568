package org.langmamba.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.AnatomicRegion;
import org.langmamba.inference.api.HuDenoiser;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.api.TokenPyramidReader;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;

/** The shipped models load from the classpath and do their job on a noisy slice. */
class DefaultModelsTest {
    private static final int SIZE = 128;

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    /** A water-like disc (40 HU) in air with white noise of SD 40 HU, as a quarter-dose scan looks. */
    private static float[] noisyDisc() {
        SplittableRandom random = new SplittableRandom(11);
        float[] hu = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double r = Math.hypot(x - SIZE / 2.0, y - SIZE / 2.0);
                hu[y * SIZE + x] = (float) ((r < SIZE * 0.4 ? 40 : -1000) + 40 * random.nextGaussian());
            }
        }
        return hu;
    }

    /** HU of the disc's centre (radius < 0.3 of the slice), where the truth is flat. */
    private static double[] centre(float[] hu) {
        List<Double> values = new ArrayList<>();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (Math.hypot(x - SIZE / 2.0, y - SIZE / 2.0) < SIZE * 0.3) {
                    values.add((double) hu[y * SIZE + x]);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double centreMean(float[] hu) {
        return Arrays.stream(centre(hu)).average().orElseThrow();
    }

    /** SD in the centre: noise, since the truth is flat there. */
    private static double centreSd(float[] hu) {
        double mean = centreMean(hu);
        return Math.sqrt(Arrays.stream(centre(hu))
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElseThrow());
    }

    @Test
    void theShippedRedCnnLowersTheNoiseOfANoisyDisc() throws Exception {
        float[] noisy = noisyDisc();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] out = new HuDenoiser(DefaultModels.redCnn(manager), manager, Normalization.DEFAULT)
                    .denoise(noisy, SIZE, SIZE);
            assertThat(centreSd(out)).as("noise SD after denoising").isLessThan(0.8 * centreSd(noisy));
        }
    }

    @Test
    void theShippedRedCnnWithLangDaLowersTheNoiseAndKeepsTheDiscsHu() throws Exception {
        float[] noisy = noisyDisc();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] out = new HuDenoiser(DefaultModels.redCnnLangDa(manager), manager, Normalization.DEFAULT)
                    .denoise(noisy, SIZE, SIZE);
            assertThat(centreSd(out)).as("noise SD after denoising").isLessThan(0.8 * centreSd(noisy));
            assertThat(centreMean(out)).as("the disc's 40 HU").isBetween(30.0, 50.0);
        }
    }

    @Test
    void theShippedLangMambaLoadsOnItsEncoderAndKeepsTheDiscsHu() throws Exception {
        float[] noisy = noisyDisc();
        try (NDManager manager = NDManager.newBaseManager()) {
            LangAe langAe = DefaultModels.langAe(DefaultCodebook.load(), manager);
            float[] out = new HuDenoiser(DefaultModels.langMamba(langAe, manager), manager, Normalization.DEFAULT)
                    .denoise(noisy, SIZE, SIZE);
            assertThat(out).hasSize(noisy.length);
            // Whatever it does to noise, a denoiser must not shift tissue: the disc's mean stays at 40 HU.
            assertThat(centreMean(out)).isBetween(30.0, 50.0);
            assertThat(centreSd(out)).isLessThanOrEqualTo(centreSd(noisy) * 1.05);
        }
    }

    @Test
    void theShippedLangAeNamesSoftTissueWhereTheDiscIs() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            LangAe langAe = DefaultModels.langAe(DefaultCodebook.load(), manager);
            var levels = new TokenPyramidReader(langAe, manager, Normalization.DEFAULT).read(noisyDisc(), SIZE, SIZE);
            assertThat(levels).hasSize(3);
            var finest = levels.get(2);
            assertThat(finest.rows()).isEqualTo(8);
            // The central 4 x 4 cells lie wholly in the 40 HU disc; trained against tissue pools, the
            // LangAE should call most of them by soft-tissue words ("liver", "spleen", ...): those of an
            // abdomen, the body the shipped LangAE's pools knew (they were region-blind then).
            List<String> softTissue = CtLexicon.standard().classes().stream()
                    .filter(c -> c.name().equals("soft-tissue"))
                    .findFirst()
                    .orElseThrow()
                    .words(AnatomicRegion.ABDOMEN);
            List<String> centre = new ArrayList<>();
            for (int row = 2; row < 6; row++) {
                centre.addAll(finest.words().subList(row * 8 + 2, row * 8 + 6));
            }
            assertThat(centre.stream().filter(softTissue::contains).count())
                    .as("central words " + centre)
                    .isGreaterThanOrEqualTo(8);
        }
    }
}
