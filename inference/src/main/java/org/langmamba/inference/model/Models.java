package org.langmamba.inference.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.redcnn.RedCnn;
import org.langmamba.inference.seed.SeedConfig;
import org.langmamba.inference.seed.SeedDenoiser;

/**
 * Builds the networks by name and reads and writes them as {@link ModelFile}s, so that training, the
 * command line and the workstation agree on what a "seed compact" or a "redcnn" is and every file
 * says which architecture and codebook it was made for.
 */
public final class Models {
    /** Shape a network is initialised with: any multiple of 16 works afterwards (fully convolutional). */
    public static final Shape INIT_SHAPE = new Shape(1, 1, 64, 64);

    /** The denoisers the project trains. */
    public enum Denoiser {
        SEED_COMPACT("seed-compact"),
        /** The compact SEED with direct output (the image, not the noise): for the comparison, not shipped. */
        SEED_COMPACT_DIRECT("seed-compact-direct"),
        SEED_PAPER("seed-paper"),
        REDCNN("redcnn");

        private final String id;

        Denoiser(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Denoiser parse(String text) {
            for (Denoiser d : values()) {
                if (d.id.equalsIgnoreCase(text) || d.name().equalsIgnoreCase(text)) {
                    return d;
                }
            }
            throw new IllegalArgumentException(
                    "unknown denoiser '" + text + "' (seed-compact, seed-compact-direct, seed-paper, redcnn)");
        }

        public boolean usesLangAe() {
            return this != REDCNN;
        }
    }

    private Models() {}

    /** A codebook's identity: SHA-256 over its words and table, so a renamed copy is the same codebook. */
    public static String codebookSha256(LanguageCodebook codebook) {
        byte[] words = String.join("\n", codebook.words()).getBytes(StandardCharsets.UTF_8);
        float[] table = codebook.table();
        ByteBuffer bytes = ByteBuffer.allocate(words.length + 4 * table.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(words);
        bytes.asFloatBuffer().put(table); // a view from the current position on
        return ModelFile.sha256(bytes.array());
    }

    public static ModelFile.Header langAeHeader(LangAeConfig config, LanguageCodebook codebook) {
        return new ModelFile.Header("langae " + config, codebookSha256(codebook));
    }

    public static ModelFile.Header denoiserHeader(Denoiser kind, LangAeConfig encoder, LanguageCodebook codebook) {
        return switch (kind) {
            case REDCNN -> new ModelFile.Header("redcnn 96", "");
            case SEED_COMPACT ->
                new ModelFile.Header(
                        "seed " + SeedConfig.compact() + " on langae " + encoder, codebookSha256(codebook));
            case SEED_COMPACT_DIRECT ->
                new ModelFile.Header(
                        "seed " + SeedConfig.compactDirect() + " on langae " + encoder, codebookSha256(codebook));
            case SEED_PAPER ->
                new ModelFile.Header("seed " + SeedConfig.paper() + " on langae " + encoder, codebookSha256(codebook));
        };
    }

    /** A fresh LangAE, initialised (random weights) on {@code manager}. */
    public static LangAe newLangAe(LangAeConfig config, LanguageCodebook codebook, NDManager manager) {
        LangAe langAe = new LangAe(config, codebook);
        langAe.initialize(manager, DataType.FLOAT32, INIT_SHAPE);
        return langAe;
    }

    public static LangAe loadLangAe(Path file, LangAeConfig config, LanguageCodebook codebook, NDManager manager)
            throws IOException {
        config = langAeAsWritten(file, config, codebook);
        LangAe langAe = newLangAe(config, codebook, manager);
        ModelFile.load(langAe, langAeHeader(config, codebook), file, null, manager);
        return langAe;
    }

    /** {@code config}, or the same network with the token settings {@code file}'s header names. */
    public static LangAeConfig langAeAsWritten(Path file, LangAeConfig config, LanguageCodebook codebook)
            throws IOException {
        return asWritten(ModelFile.header(file).architecture(), config, c -> langAeHeader(c, codebook));
    }

    /**
     * {@code config}, or the same network with the token pyramid a file's {@code architecture} names,
     * as {@code header} writes it: a model written before the pyramid became a choice (ALL_LEVELS,
     * EUCLIDEAN) loads and tokenises as it was trained. Null stays null (RED-CNN has no LangAE).
     */
    private static LangAeConfig asWritten(
            String architecture, LangAeConfig config, Function<LangAeConfig, ModelFile.Header> header) {
        if (config == null) {
            return null;
        }
        for (LangAeConfig variant : config.tokenVariants()) {
            if (header.apply(variant).architecture().equals(architecture)) {
                return variant;
            }
        }
        return config; // ModelFile.load names the mismatch
    }

    /**
     * A fresh denoiser; SEED's encoder is {@code langAe}'s (trained, frozen). RED-CNN ignores it.
     * SEED shares the encoder's parameter arrays with {@code langAe}, so both must live on one manager.
     */
    public static Block newDenoiser(Denoiser kind, LangAe langAe, NDManager manager) {
        Block block = switch (kind) {
            case REDCNN -> RedCnn.standard();
            case SEED_COMPACT -> new SeedDenoiser(langAe.encoder(), SeedConfig.compact());
            case SEED_COMPACT_DIRECT -> new SeedDenoiser(langAe.encoder(), SeedConfig.compactDirect());
            case SEED_PAPER -> new SeedDenoiser(langAe.encoder(), SeedConfig.paper());
        };
        block.initialize(manager, DataType.FLOAT32, INIT_SHAPE);
        return block;
    }

    /**
     * Which denoiser a model file holds, read from its header: how the workstation opens a
     * fine-tuned file without asking. Fails, naming the file, for a LangAE or an unknown network.
     */
    public static Denoiser denoiserIn(Path file, LangAeConfig encoder, LanguageCodebook codebook) throws IOException {
        String architecture = ModelFile.header(file).architecture();
        for (Denoiser kind : Denoiser.values()) {
            LangAeConfig written = asWritten(architecture, encoder, c -> denoiserHeader(kind, c, codebook));
            if (denoiserHeader(kind, written, codebook).architecture().equals(architecture)) {
                return kind;
            }
        }
        throw new IOException(file + ": not a denoiser this build can run (its header says '" + architecture
                + "'; expected redcnn or seed on langae " + encoder + ")");
    }

    /**
     * SEED uses only LangAE's encoder, whose layers do not depend on the pyramid average; its file holds
     * the encoder weights it was trained on. So a SEED made on a LangAE with the other average loads too.
     */
    public static Block loadDenoiser(Path file, Denoiser kind, LangAe langAe, NDManager manager) throws IOException {
        Block block = newDenoiser(kind, langAe, manager);
        LangAeConfig encoder = langAe == null ? null : langAe.config();
        LanguageCodebook codebook = langAe == null ? null : langAe.codebook();
        encoder = asWritten(ModelFile.header(file).architecture(), encoder, c -> denoiserHeader(kind, c, codebook));
        ModelFile.load(block, denoiserHeader(kind, encoder, codebook), file, null, manager);
        return block;
    }
}
