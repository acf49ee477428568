package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.nn.NativeArrays;

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
    private PyramidQuantizer quantizer;

    public LangAe(LangAeConfig config, LanguageCodebook codebook) {
        super(VERSION);
        this.config = config;
        this.codebook = codebook;
        encoder = addChildBlock("encoder", new LangAeEncoder(config, codebook.dimension()));
        decoder = addChildBlock("decoder", new LangAeDecoder(config));
    }

    /** Edge a slice is padded to: a multiple of 64 up to 256, of 256 beyond (so every pyramid level tiles the latent). */
    public static long paddedSize(long size) {
        long unit = size <= 256 ? 64 : 256;
        return (size + unit - 1) / unit * unit;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList encoded = encoder.forward(store, inputs, training);
        NDArray latent = encoded.get(LangAeConfig.SCALES);
        PyramidQuantizer.Result q = quantizer().quantize(latent);
        NDArray reconstruction = decoder.forward(store, new NDList(q.straightThrough()), training)
                .singletonOrThrow();
        NDList out = new NDList(reconstruction, latent, q.straightThrough());
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            out.add(encoded.get(s));
        }
        return out;
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

    /** The token pyramid of a latent (quantizer only, no decoder). */
    public PyramidQuantizer.Result quantize(NDArray latent) {
        return quantizer().quantize(latent);
    }

    /** The quantizer over this LangAE's frozen codebook (made when the LangAE is initialised). */
    public PyramidQuantizer quantizer() {
        if (quantizer == null) {
            throw new IllegalStateException("LangAE is not initialised: call initialize(...) first");
        }
        return quantizer;
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
        quantizer = new PyramidQuantizer(
                NativeArrays.of(manager, codebook.table(), new Shape(codebook.size(), codebook.dimension())),
                config.pyramid(),
                config.match());
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoder.getOutputShapes(inputShapes)[LangAeConfig.SCALES]);
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
