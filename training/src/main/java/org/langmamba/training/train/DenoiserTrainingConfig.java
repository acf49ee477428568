package org.langmamba.training.train;

import java.util.Locale;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.Models;

/**
 * Settings of a stage-2 run (SEED or RED-CNN on LDCT/NDCT pairs). Loss MSE + lambda * LangDA
 * (lambda 0: MSE only); AdamW with cosine annealing from {@code lrStart} to {@code lrEnd} over
 * {@code steps}; random square patches; validation on whole slices and a checkpoint every so
 * many steps. Paper: batch 2, lr 1e-4 to 1e-6, weight decay 1e-4 (SPEC).
 */
public record DenoiserTrainingConfig(
        Models.Denoiser model,
        float lambda,
        LangDaLoss.Terms terms,
        int patchSize,
        int batchSize,
        long steps,
        double lrStart,
        double lrEnd,
        float weightDecay,
        int validateEvery,
        int checkpointEvery,
        int validationSlices,
        long seed) {
    public DenoiserTrainingConfig {
        if (patchSize < 16 || patchSize % 16 != 0) {
            throw new IllegalArgumentException(
                    "patch size must be a multiple of 16 (LangAE's stride), got " + patchSize);
        }
        if (batchSize < 1 || steps < 1 || validateEvery < 1 || checkpointEvery < 1 || lambda < 0) {
            throw new IllegalArgumentException(
                    "batch, steps, validation and checkpoint intervals must be positive, lambda >= 0");
        }
        new CosineSchedule(lrStart, lrEnd, steps); // its rule, checked before a run folder is made
    }

    /** What must match for a checkpoint to be resumed (everything that shapes the run). */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s lambda %s terms %s patch %d batch %d steps %d lr %s..%s wd %s seed %d",
                model.id(),
                lambda,
                terms,
                patchSize,
                batchSize,
                steps,
                lrStart,
                lrEnd,
                weightDecay,
                seed);
    }

    public boolean usesLangDa() {
        return lambda > 0;
    }
}
