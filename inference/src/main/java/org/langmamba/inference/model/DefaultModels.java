package org.langmamba.inference.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.resources.SharedResources;

/**
 * The models shipped in {@code src-resources/models/}, trained by the project's own commands (each
 * has a model card beside it: data, command, steps, time, scores). The workstation and the command
 * line use these unless the user picks other files; nothing is ever downloaded.
 */
public final class DefaultModels {
    public static final String LANGAE = "models/langae/langae-compact.lmmd";
    public static final String LANGMAMBA = "models/denoiser/langmamba-seed-compact.lmmd";
    public static final String SEED_MSE = "models/denoiser/seed-mse-compact.lmmd";
    public static final String REDCNN = "models/denoiser/redcnn.lmmd";
    public static final String REDCNN_LANGDA = "models/denoiser/redcnn-langda.lmmd";

    private DefaultModels() {}

    /** The shipped compact LangAE on {@code codebook} (the shipped GloVe codebook: its SHA-256 is checked). */
    public static LangAe langAe(LanguageCodebook codebook, NDManager manager) throws IOException {
        return Models.loadLangAe(SharedResources.path(LANGAE), LangAeConfig.compact(), codebook, manager);
    }

    /** The shipped LangMamba denoiser (SEED compact + LangDA); its encoder is {@code langAe}'s. */
    public static Block langMamba(LangAe langAe, NDManager manager) throws IOException {
        return Models.loadDenoiser(SharedResources.path(LANGMAMBA), Models.Denoiser.SEED_COMPACT, langAe, manager);
    }

    /** The shipped SEED trained without LangDA (the ablation); its encoder is {@code langAe}'s. */
    public static Block seedMse(LangAe langAe, NDManager manager) throws IOException {
        return Models.loadDenoiser(SharedResources.path(SEED_MSE), Models.Denoiser.SEED_COMPACT, langAe, manager);
    }

    /** The shipped RED-CNN baseline (MSE). */
    public static Block redCnn(NDManager manager) throws IOException {
        return Models.loadDenoiser(SharedResources.path(REDCNN), Models.Denoiser.REDCNN, null, manager);
    }

    /** The shipped RED-CNN trained with MSE + LangDA (LangDA needed LangAE only in training). */
    public static Block redCnnLangDa(NDManager manager) throws IOException {
        return Models.loadDenoiser(SharedResources.path(REDCNN_LANGDA), Models.Denoiser.REDCNN, null, manager);
    }
}
