package org.langmamba.inference.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.LangAeEncoder;
import org.langmamba.inference.mamba.EmaBlock;
import org.langmamba.inference.mamba.EmaConfig;

/**
 * SEED (paper III-C, Fig. 3): a 4-level U-net whose encoder is the frozen LangAE encoder (its five
 * scale features, full to 1/16) and whose decoder is built of EMA blocks. From the 1/16 bottleneck,
 * each level upsamples (nearest 2x, 3x3 conv to the level's width), adds the encoder's feature of
 * that scale (skip connection) and runs its EMA blocks. A final 3x3 conv predicts the noise, which
 * is subtracted from the input: SEED predicts a residual, so an untrained or cautious model leaves
 * the slice as it is rather than inventing anatomy. NCHW, one channel in and out.
 */
public final class SeedDenoiser extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LangAeConfig encoderConfig;
    private final LangAeEncoder encoder;
    private final List<List<Block>> levels = new ArrayList<>(); // bottleneck first, then 1/8 ... full
    private final List<Conv2d> ups = new ArrayList<>();
    /** Head weights' initial SD: about 25 HU of output for unit-scale features (images are [0, 1] over 4 096 HU). */
    static final float HEAD_INIT_SD = 5e-4f;
    private final ai.djl.nn.norm.LayerNorm outNorm;
    private final Conv2d out;

    /** {@code encoder} is LangAE's (trained) encoder; it is frozen here. */
    public SeedDenoiser(LangAeEncoder encoder, SeedConfig config) {
        super(VERSION);
        this.encoderConfig = encoder.config();
        this.encoder = addChildBlock("langae_encoder", encoder);
        encoder.freezeParameters(true);
        int top = LangAeConfig.SCALES - 1;
        for (int scale = top; scale >= 0; scale--) {
            int channels = encoderConfig.channels(scale);
            if (scale < top) {
                ups.add(addChildBlock("up" + scale, Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).setFilters(channels).build()));
            }
            List<Block> blocks = new ArrayList<>();
            for (int b = 0; b < config.emaBlocksPerLevel(); b++) {
                blocks.add(addChildBlock("scale" + scale + "_ema" + b, new EmaBlock(
                        new EmaConfig(channels, config.expansion(), config.states(), config.step(), 16, 2))));
            }
            levels.add(blocks);
        }
        // The residual stream grows level by level (encoder skips are added unnormalised); the head
        // reads it normalised, as VQGAN's decoder does, or its first updates blow the output up.
        outNorm = addChildBlock("out_norm", ai.djl.nn.norm.LayerNorm.builder().axis(3).build());
        out = addChildBlock("out", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList features = encoder.forward(store, inputs, false); // frozen: never in training mode
        int top = LangAeConfig.SCALES - 1;
        NDArray h = features.get(top);
        for (int i = 0; i < levels.size(); i++) {
            int scale = top - i;
            if (i > 0) {
                NDArray up = h.repeat(2, 2).repeat(3, 2);
                NDArray skip = features.get(scale);
                up = up.get(":, :, 0:{}, 0:{}", skip.getShape().get(2), skip.getShape().get(3));
                h = ups.get(i - 1).forward(store, new NDList(up), training).singletonOrThrow().add(skip);
            }
            NDArray channelsLast = h.transpose(0, 2, 3, 1);
            for (Block block : levels.get(i)) {
                channelsLast = block.forward(store, new NDList(channelsLast), training).singletonOrThrow();
            }
            h = i == levels.size() - 1
                    ? outNorm.forward(store, new NDList(channelsLast), training).singletonOrThrow().transpose(0, 3, 1, 2)
                    : channelsLast.transpose(0, 3, 1, 2);
        }
        // The head also reads the slice itself: the decoder's features (built on the frozen LangAE
        // encoder, then LayerNorm-ed) carry too little of the pixel noise for a head to find, and
        // SEED without this stayed the identity for 2 000 steps (departure from the paper, ADR 0007).
        NDArray noise = out.forward(store, new NDList(h.concat(x, 1)), training).singletonOrThrow();
        return new NDList(x.sub(noise));
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
        for (int i = 0; i < levels.size(); i++) {
            int scale = top - i;
            Shape nchw = features[scale];
            if (i > 0) {
                ups.get(i - 1).initialize(manager, dataType, Shape.update(nchw, 1, encoderConfig.channels(scale + 1)));
            }
            Shape channelsLast = new Shape(nchw.get(0), nchw.get(2), nchw.get(3), nchw.get(1));
            for (Block block : levels.get(i)) {
                block.initialize(manager, dataType, channelsLast);
            }
        }
        Shape full = features[0];
        outNorm.initialize(manager, dataType, new Shape(full.get(0), full.get(2), full.get(3), full.get(1)));
        out.initialize(manager, dataType, Shape.update(full, 1, full.get(1) + 1)); // features + the slice
        // The noise head starts near zero: an untrained SEED returns its input to within a few HU,
        // not the random decoder's output (at the default scale that made the first steps diverge).
        // Not exactly zero: with a zero head no gradient reaches the decoder, the head alone cannot
        // find the noise in features nobody trains, and SEED stayed the identity for 2 000 steps.
        for (var p : out.getParameters()) {
            // Through a detached view (same storage): an in-place write on a parameter that already
            // requires a gradient is refused by PyTorch (it happened on the workstation's worker thread).
            NDArray w = p.getValue().getArray().stopGradient();
            w.subi(w);
            if (p.getKey().equals("weight")) {
                w.addi(manager.randomNormal(0f, HEAD_INIT_SD, w.getShape(), w.getDataType()));
            }
        }
    }
}
