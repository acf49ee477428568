package org.langmamba.inference.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.LangAeEncoder;
import org.langmamba.inference.mamba.EmaBlock;
import org.langmamba.inference.mamba.EmaConfig;
import org.langmamba.inference.nn.Scalars;
import org.langmamba.inference.nn.StepScope;
import org.langmamba.inference.nn.Upsampling;

/**
 * SEED (paper III-C, Fig. 3) as the authors' code builds it (SPEC): a 4-level U-net whose encoder is
 * the frozen LangAE encoder (its five scale features, full to 1/16) and whose decoder is five EMA
 * blocks. The 1/16 features go through the bottleneck block (with its FFN residual); each decoder
 * level upsamples bilinearly, concatenates the encoder's feature of its scale (skip) with it, and
 * its EMA block narrows the pair to that scale's width. A 3x3 conv without bias gives one channel:
 * with {@code RESIDUAL} output it is the noise, subtracted from the input (an untrained SEED returns
 * its input to about 1 HU), with {@code DIRECT} the image. NCHW, one channel in and out.
 * Two departures from the authors' wiring, without which it stayed the identity (ADR 0009): every
 * encoder feature is read through a per-pixel LayerNorm, and the full-resolution level also reads
 * the slice itself, in units of 100 HU.
 */
public final class SeedDenoiser extends AbstractBlock {
    private static final byte VERSION = 2;
    /**
     * Head weights' initial SD: about 1 HU of output (images are [0, 1] over 4 096 HU) for the head's
     * unit-scale input (3x3 x 16 channels: output SD = 12 x this).
     */
    static final float HEAD_INIT_SD = 2e-5f;

    private static final float WATER = (float) Normalization.DEFAULT.toNetwork(0f);
    private static final float NETWORK_UNIT_IN_100_HU =
            (float) ((Normalization.DEFAULT.upperHu() - Normalization.DEFAULT.lowerHu()) / 100);

    private final SeedConfig config;
    private final LangAeConfig encoderConfig;
    private final LangAeEncoder encoder;
    private final List<EmaBlock> levels = new ArrayList<>(); // bottleneck, then 1/8, 1/4, 1/2, full
    private final List<LayerNorm> skipNorms = new ArrayList<>(); // one per encoder scale, full to 1/16
    private final Conv2d head;

    /** {@code encoder} is LangAE's (trained) encoder; it is frozen here. */
    public SeedDenoiser(LangAeEncoder encoder, SeedConfig config) {
        super(VERSION);
        this.config = config;
        this.encoderConfig = encoder.config();
        this.encoder = addChildBlock("langae_encoder", encoder);
        encoder.freezeParameters(true);
        int top = LangAeConfig.SCALES - 1;
        int width = encoderConfig.channels(top);
        for (int scale = 0; scale <= top; scale++) {
            skipNorms.add(addChildBlock(
                    "skip_norm" + scale, LayerNorm.builder().axis(3).build()));
        }
        levels.add(addChildBlock("bottleneck", new EmaBlock(ema(width, width, 0, true))));
        for (int scale = top - 1; scale >= 0; scale--) {
            int out = encoderConfig.channels(scale);
            int slice = scale == 0 ? 1 : 0; // the full-resolution level also reads the slice itself
            levels.add(
                    addChildBlock("decoder" + scale, new EmaBlock(ema(out + width + slice, out, top - scale, false))));
            width = out;
        }
        head = addChildBlock(
                "head",
                Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .setFilters(1)
                        .optBias(false)
                        .build());
    }

    private EmaConfig ema(int in, int out, int level, boolean residual) {
        return new EmaConfig(
                in, out, config.expansion(), config.states(), config.step(), 16, config.scans(level), residual);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList features = encoder.forward(store, inputs, false); // frozen: never in training mode
        int top = LangAeConfig.SCALES - 1;
        NDArray h = StepScope.forward(levels.get(0), store, normed(store, features, top, training), training);
        for (int level = 1; level < levels.size(); level++) {
            NDArray skip = normed(store, features, top - level, training);
            NDArray upsampled = Upsampling.bilinear2x(h);
            NDArray up = upsampled.get(
                    ":, :, 0:{}, 0:{}", skip.getShape().get(2), skip.getShape().get(3));
            NDArray in = level == levels.size() - 1
                    ? NDArrays.concat(new NDList(skip, up, sliceIn100Hu(x)), 1)
                    : skip.concat(up, 1);
            NDArray previous = h;
            h = StepScope.forward(levels.get(level), store, in, training);
            StepScope.release(training, in, skip, up, upsampled, previous);
        }
        NDArray out = StepScope.forward(head, store, h, training);
        return new NDList(config.output() == SeedConfig.Output.RESIDUAL ? x.sub(out) : out);
    }

    /**
     * The slice as the full-resolution level reads it: in units of 100 HU about water. In network
     * units ([0, 1] over 4 096 HU) 30 HU of noise is 0.007, too small beside unit-scale features for
     * the level to pick it out; here it is 0.3. The frozen encoder's GroupNorms shrink the noise in its
     * own full-resolution feature on a whole slice (air and bone set the scale), so this input carries it.
     */
    static NDArray sliceIn100Hu(NDArray x) {
        return Scalars.mul(x.sub(WATER), NETWORK_UNIT_IN_100_HU);
    }

    /**
     * The encoder's feature of {@code scale} through a per-pixel LayerNorm over its channels. The
     * frozen encoder's features differ in scale by 25x (RMS 0.6 at full resolution, 16 at 1/16, after
     * its attention): read as they are, the coarse ones drown the fine skips that carry the noise, and
     * the decoder stayed the identity. Per pixel, so a patch and a whole slice are normalised alike.
     */
    private NDArray normed(ParameterStore store, NDList features, int scale, boolean training) {
        NDArray channelsLast = features.get(scale).transpose(0, 2, 3, 1);
        return skipNorms
                .get(scale)
                .forward(store, new NDList(channelsLast), training)
                .singletonOrThrow()
                .transpose(0, 3, 1, 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (!encoder.isInitialized()) { // a trained LangAE encoder keeps its weights
            encoder.initialize(manager, dataType, inputShapes);
            encoder.freezeParameters(true);
        }
        Shape[] features = encoder.getOutputShapes(inputShapes);
        int top = LangAeConfig.SCALES - 1;
        for (int scale = 0; scale <= top; scale++) {
            Shape f = features[scale];
            skipNorms.get(scale).initialize(manager, dataType, new Shape(f.get(0), f.get(2), f.get(3), f.get(1)));
        }
        Shape h = features[top];
        levels.get(0).initialize(manager, dataType, h);
        h = levels.get(0).getOutputShapes(new Shape[] {h})[0];
        for (int level = 1; level < levels.size(); level++) {
            Shape skip = features[top - level];
            long slice = level == levels.size() - 1 ? 1 : 0;
            Shape in = new Shape(skip.get(0), skip.get(1) + h.get(1) + slice, skip.get(2), skip.get(3));
            levels.get(level).initialize(manager, dataType, in);
            h = levels.get(level).getOutputShapes(new Shape[] {in})[0];
        }
        head.initialize(manager, dataType, h);
        if (config.output() == SeedConfig.Output.RESIDUAL) {
            // The noise head starts near zero: an untrained SEED returns its input to within a few HU.
            // Not exactly zero: with a zero head no gradient reaches the decoder.
            NDArray w = head.getParameters().get("weight").getArray().stopGradient(); // a view: in-place writes allowed
            w.subi(w).addi(manager.randomNormal(0f, HEAD_INIT_SD, w.getShape(), w.getDataType()));
        }
    }

    public SeedConfig config() {
        return config;
    }
}
