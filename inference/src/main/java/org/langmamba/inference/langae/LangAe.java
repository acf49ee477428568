package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.inference.nn.Scalars;

/**
 * LangAE (paper III-B): encoder E, the frozen language codebook with its token pyramid, decoder G.
 * Input: normalised slices [B, 1, H, W] with H, W multiples of {@link #paddedSize}'s unit. Output
 * list: reconstruction G(z_q), latent z, straight-through z_q, then E's five scale features
 * (what SEED reuses). The codebook is an NDArray constant: it has no Parameter and so is never
 * trained, which is the paper's "frozen token-embedding table".
 */
public final class LangAe extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LangAeConfig config;
    private final LanguageCodebook codebook;
    private final LangAeEncoder encoder;
    private final LangAeDecoder decoder;
    private final Parameter wordMap; // W of WordSpace.LEARNT_MAP, else null
    private NDArray table; // the frozen codebook [K, E]
    private NDArray codes; // the words' fixed look-up codes [K, d] (WordSpace.FACTORIZED)
    private PyramidQuantizer quantizer; // over the frozen table (WordSpace.TABLE)
    private NDArray unitWords; // rho e/||e|| (WordSpace.LEARNT_MAP)
    private final Block lookupIn; // latent -> look-up space (WordSpace.FACTORIZED), else null
    private final Block lookupOut; // look-up space -> the decoder's input (WordSpace.FACTORIZED)

    public LangAe(LangAeConfig config, LanguageCodebook codebook) {
        super(VERSION);
        this.config = config;
        this.codebook = codebook;
        encoder = addChildBlock("encoder", new LangAeEncoder(config, codebook.dimension()));
        decoder = addChildBlock("decoder", new LangAeDecoder(config));
        int dimension = codebook.dimension();
        wordMap = config.tokens().words() == WordSpace.LEARNT_MAP
                ? addParameter(Parameter.builder()
                        .setName("wordMap")
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(dimension, dimension))
                        .optInitializer((m, s, t) -> m.eye(dimension).toType(t, false))
                        .build())
                : null;
        boolean factorized = config.tokens().words() == WordSpace.FACTORIZED;
        lookupIn = factorized
                ? addChildBlock("word_lookup_in", Layers.conv(config.tokens().lookupDimension(), 1))
                : null;
        lookupOut = factorized ? addChildBlock("word_lookup_out", Layers.conv(dimension, 1)) : null;
    }

    /** Edge a slice is padded to: a multiple of 64 up to 256, of 256 beyond (so every pyramid level tiles the latent). */
    public static long paddedSize(long size) {
        long unit = size <= 256 ? 64 : 256;
        return (size + unit - 1) / unit * unit;
    }

    /**
     * One pass through the LangAE: the reconstruction, the latent where words are looked up, and its
     * token pyramid (straight-through z_q and the levels' targets), so that training reads the tokens
     * the decoder drew from instead of quantizing the latent a second time.
     */
    public record Pass(NDArray reconstruction, NDArray latent, PyramidQuantizer.Result tokens) {}

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList encoded = encoder.forward(store, inputs, training);
        Pass pass = decode(store, encoded, training);
        NDList out =
                new NDList(pass.reconstruction(), pass.latent(), pass.tokens().straightThrough());
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            out.add(encoded.get(s));
        }
        return out;
    }

    /** The pass of {@link #forward} without the encoder's five scales. */
    public Pass pass(ParameterStore store, NDArray slices, boolean training) {
        return decode(store, encoder.forward(store, new NDList(slices), training), training);
    }

    private Pass decode(ParameterStore store, NDList encoded, boolean training) {
        NDArray encoderLatent = encoded.get(LangAeConfig.SCALES);
        NDArray low = lookupIn == null ? null : lookUp(store, encoderLatent, training);
        NDArray strength = low == null ? null : length(low);
        NDArray latent = low == null ? encoderLatent : low.div(strength);
        PyramidQuantizer.Result q = quantizerOn(latent.getManager()).quantize(latent);
        NDArray words = config.tokens().wordStrength()
                ? q.straightThrough().mul(strength) // the word at the strength of the latent that chose it
                : q.straightThrough();
        NDArray decoderInput = lookupOut == null
                ? words
                : lookupOut.forward(store, new NDList(words), training).singletonOrThrow();
        NDArray reconstruction =
                decoder.forward(store, new NDList(decoderInput), training).singletonOrThrow();
        return new Pass(reconstruction, latent, q);
    }

    /**
     * The same outputs as {@link #forward} with the quantizer left out (z_q = z): the decoder draws
     * from the encoder's latent itself. Only for measuring what this size of autoencoder can reach
     * without words (ADR 0010); a LangAE trained this way has no usable tokens.
     */
    public NDList forwardWithoutWords(ParameterStore store, NDArray slices, boolean training) {
        NDList encoded = encoder.forward(store, new NDList(slices), training);
        NDArray latent = encoded.get(LangAeConfig.SCALES);
        NDArray reconstruction =
                decoder.forward(store, new NDList(latent), training).singletonOrThrow();
        NDList out = new NDList(reconstruction, latent, latent);
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            out.add(encoded.get(s));
        }
        return out;
    }

    /** Encoder features and latent only (SEED's encoder, LangDA's E). */
    public NDList encode(ParameterStore store, NDArray slices, boolean training) {
        return encoder.forward(store, new NDList(slices), training);
    }

    /**
     * The token pyramid of a latent (quantizer only, no decoder): the encoder's latent, or (factorised
     * look-up) one already in the look-up space, as {@link #forward} returns it.
     */
    public PyramidQuantizer.Result quantize(NDArray latent) {
        return quantize(latent, quantizerOn(latent.getManager()));
    }

    /** The same through {@code quantizer} (one of {@link #reading}'s). */
    public PyramidQuantizer.Result quantize(NDArray latent, PyramidQuantizer quantizer) {
        if (lookupIn != null && latent.getShape().get(1) == codebook.dimension()) {
            latent = lookupLatent(new ParameterStore(latent.getManager(), false), latent, false);
        }
        return quantizer.quantize(latent);
    }

    /**
     * The quantizer a reading of latents uses, made once for a slice's pyramid and its candidates:
     * level l's words chosen among {@code vocabulary.get(l)} only (ids into the codebook; null: every
     * word), as the overlay reads a slice in its body region's words. The decoder was trained on the
     * whole codebook's choices; a restricted reading is a reading of the latent, not the LangAE's own
     * tokens. Its masks live on {@code call}'s manager.
     */
    public PyramidQuantizer reading(NDManager call, List<int[]> vocabulary) {
        PyramidQuantizer all = quantizerOn(call);
        return vocabulary == null ? all : all.restrictedTo(vocabulary, call);
    }

    /** The latent where words are looked up: itself, or (factorised) mapped down and onto the unit sphere. */
    private NDArray lookupLatent(ParameterStore store, NDArray latent, boolean training) {
        if (lookupIn == null) {
            return latent;
        }
        NDArray low = lookUp(store, latent, training);
        return low.div(length(low));
    }

    /** The encoder's latent through the factorised look-up's map, before it is put onto the unit sphere. */
    private NDArray lookUp(ParameterStore store, NDArray latent, boolean training) {
        return lookupIn.forward(store, new NDList(latent), training).singletonOrThrow();
    }

    /** Length of each position's look-up vector, [B, 1, h, w]. */
    private static NDArray length(NDArray low) {
        return low.square().sum(new int[] {1}, true).add(1e-12f).sqrt();
    }

    /**
     * Scales the look-up map so that the median strength of a word over {@code slices} is 1 and returns
     * the factor it divided by. Word choices do not change (they are made on the unit sphere); for a LangAE
     * warm-started from one that read its words at unit length, the decoder's input then starts at the
     * scale it was trained on instead of at whatever length the look-up map happened to produce. Call
     * before the weights collect gradients (the arrays are scaled in place).
     */
    public float calibrateWordStrength(ParameterStore store, NDArray slices) {
        if (lookupIn == null || !config.tokens().wordStrength()) {
            throw new IllegalStateException("this LangAE reads no word strength: " + config);
        }
        NDArray latent = encoder.forward(store, new NDList(slices), false).get(LangAeConfig.SCALES);
        NDArray low = lookUp(store, latent, false);
        float median = median(length(low).toFloatArray());
        if (!(median > 0) || !Float.isFinite(median)) {
            throw new IllegalStateException("the look-up latents have median length " + median);
        }
        for (var parameter : lookupIn.getParameters()) {
            parameter.getValue().getArray().muli(1f / median);
        }
        return median;
    }

    /**
     * The quantizer over the words as the decoder reads them: the frozen table (made when the LangAE
     * is initialised), or the table through the current word map, made on {@code call}'s manager so
     * that it is freed with the call and carries the map's gradient.
     */
    private PyramidQuantizer quantizerOn(NDManager call) {
        if (table == null) {
            throw new IllegalStateException("LangAE is not initialised: call initialize(...) first");
        }
        if (wordMap == null) {
            return quantizer; // the frozen table, or the words' fixed codes
        }
        return new PyramidQuantizer(
                wordsAsRead(call), config.tokens().average(), config.tokens().match(), config.strides());
    }

    /**
     * The words where they are looked up, one row per word: the frozen table [K, E], the words' fixed
     * codes [K, d] (factorised look-up), or (learnt map) each word's direction at the table's median
     * norm through the map [K, E], made on {@code call}'s manager and carrying the map's gradient. The
     * semantic loss measures its candidates here.
     */
    public NDArray wordsAsRead(NDManager call) {
        if (codes != null) {
            return codes;
        }
        if (wordMap == null) {
            return table;
        }
        NDArray mapTransposed = wordMap.getArray().transpose();
        mapTransposed.attach(call);
        NDArray mapped = unitWords.matMul(mapTransposed);
        mapped.attach(call);
        return mapped;
    }

    /** Whether the words reach the decoder through a learnt map that training must update. */
    public boolean hasWordMap() {
        return wordMap != null;
    }

    /** SimVQ's codebook term ||sg(z) - z_q||^2: only the word map learns from it (the latent is constant). */
    public static NDArray wordMapTerm(NDArray latent, NDArray quantizedIntoTable) {
        return quantizedIntoTable.sub(latent.stopGradient()).square().mean();
    }

    /** Commitment term of Eq. 8: the encoder is pulled towards the (constant) quantized latent. */
    public static NDArray commitment(NDArray latent, NDArray straightThrough) {
        return latent.sub(straightThrough.stopGradient()).square().mean();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] features = encoder.getOutputShapes(inputShapes);
        Shape latent = features[LangAeConfig.SCALES];
        Shape[] out = new Shape[3 + LangAeConfig.SCALES];
        out[0] = inputShapes[0];
        out[1] = latent;
        out[2] = latent;
        System.arraycopy(features, 0, out, 3, LangAeConfig.SCALES);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // The codebook table belongs to the manager the model is initialised with: closed with it.
        table = NativeArrays.of(manager, codebook.table(), new Shape(codebook.size(), codebook.dimension()));
        Shape latentShape = encoder.getOutputShapes(inputShapes)[LangAeConfig.SCALES];
        if (lookupIn != null) {
            int d = config.tokens().lookupDimension();
            codes = NativeArrays.of(
                    manager,
                    WordCodes.of(codebook.table(), codebook.size(), codebook.dimension(), d),
                    new Shape(codebook.size(), d));
            quantizer = new PyramidQuantizer(
                    codes, config.tokens().average(), config.tokens().match(), config.strides());
            lookupIn.initialize(manager, dataType, latentShape);
            Shape low = new Shape(latentShape.get(0), d, latentShape.get(2), latentShape.get(3));
            lookupOut.initialize(manager, dataType, low);
        } else if (wordMap == null) {
            quantizer = new PyramidQuantizer(
                    table, config.tokens().average(), config.tokens().match(), config.strides());
        } else {
            NDArray norms = table.norm(new int[] {1}, true);
            float medianNorm = median(norms.toFloatArray());
            unitWords = Scalars.mul(table.div(norms.add(1e-12f)), medianNorm);
        }
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, latentShape);
    }

    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    public LangAeConfig config() {
        return config;
    }

    public LanguageCodebook codebook() {
        return codebook;
    }

    public LangAeEncoder encoder() {
        return encoder;
    }
}
