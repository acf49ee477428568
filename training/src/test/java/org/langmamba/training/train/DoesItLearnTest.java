package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.Models;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.Split;

/**
 * Each kind of denoiser the project ships must learn to denoise, not stay the identity (as SEED did
 * for 2 000 steps twice, ADR 0009): on a fixed set of phantom pairs with simulated quarter dose, a
 * short seeded run through the real training code must cut the validation slice's squared error (in
 * the abdominal window) by a stated share of the low-dose input's own. SEED and LangMamba run on a
 * compact LangAE with seeded random weights (a trained one is not needed to learn, only to guide).
 */
class DoesItLearnTest {
    /**
     * The least share of the low-dose input's squared error a short run must remove: SEED in 200
     * steps of 4 patches of 64² (measured: 71 %), RED-CNN in 400 steps of 2 patches of 32² (25 %; it
     * starts far from the identity and costs 30x more per pixel, ADR 0009).
     */
    private static final double SEED_REDUCTION = 0.4;

    private static final long SEED_STEPS = 200;
    private static final double REDCNN_REDUCTION = 0.15;
    private static final long REDCNN_STEPS = 400;
    /**
     * A tenth of the dose: at a quarter, these small phantom slices hold only about 10 HU of noise,
     * too little to tell learning from chance in a short run.
     */
    private static final double DOSE = 0.1;

    private static LanguageCodebook codebook;
    private static PairedDataset data;
    private static double lowDoseMse;

    @TempDir
    static Path folder;

    @BeforeAll
    static void pairs() throws Exception {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
        data = PhantomPairs.textured(folder.resolve("pairs"), DOSE);
        List<SeriesEvaluation.SliceResult> identity =
                SeriesEvaluation.evaluate(data.pairs(Split.VALIDATION), slice -> slice, Window.ABDOMEN);
        lowDoseMse = mse(SeriesEvaluation.summarise(identity).psnrMean());
    }

    /** The window's squared error from its PSNR (data range = window width). */
    private static double mse(double psnr) {
        return Math.pow(Window.ABDOMEN.upper() - Window.ABDOMEN.lower(), 2) / Math.pow(10, psnr / 10);
    }

    private static double learntReduction(
            Models.Denoiser model, float lambda, int patch, int batch, long steps, double lr) throws Exception {
        DenoiserTrainingConfig config = new DenoiserTrainingConfig(
                model, lambda, LangDaLoss.Terms.BOTH, patch, batch, steps, lr, lr / 100, 1e-4f, 1000, 1000, 4, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe langAe = null;
            if (model.usesLangAe() || lambda > 0) {
                Engine.getEngine("PyTorch").setRandomSeed(11);
                langAe = Models.newLangAe(LangAeConfig.compact(), codebook, m);
            }
            DenoiserTraining.Result result = new DenoiserTraining(
                            config, data, langAe, Files.createTempDirectory(folder, model.id()), m)
                    .run(false, TrainingListener.SILENT);
            double reduction = 1 - mse(result.lastValidation().psnrMean()) / lowDoseMse;
            System.out.printf(
                    Locale.ROOT,
                    "%s (lambda %s): %d steps removed %.0f %% of the low-dose MSE (validation %.2f dB)%n",
                    model.id(),
                    lambda,
                    steps,
                    100 * reduction,
                    result.lastValidation().psnrMean());
            return reduction;
        }
    }

    @Test
    void seedLearnsToDenoise() throws Exception {
        assertThat(learntReduction(Models.Denoiser.SEED_COMPACT, 0f, 64, 4, SEED_STEPS, 1e-3))
                .as("SEED: share of the low-dose MSE removed")
                .isGreaterThan(SEED_REDUCTION);
    }

    @Test
    void langMambaLearnsToDenoise() throws Exception {
        assertThat(learntReduction(Models.Denoiser.SEED_COMPACT, 0.01f, 64, 4, SEED_STEPS, 1e-3))
                .as("LangMamba: share of the low-dose MSE removed")
                .isGreaterThan(SEED_REDUCTION);
    }

    @Test
    void redCnnLearnsToDenoise() throws Exception {
        assertThat(learntReduction(Models.Denoiser.REDCNN, 0f, 32, 2, REDCNN_STEPS, 5e-4))
                .as("RED-CNN: share of the low-dose MSE removed")
                .isGreaterThan(REDCNN_REDUCTION);
    }
}
