package org.langmamba.inference.langae;

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
import org.langmamba.inference.nn.StepScope;

/**
 * LangAE's encoder E: conv in, then per scale ResNet blocks (the scale's feature map, which SEED
 * reuses as its encoder) and a strided conv down; at the lowest scale attention blocks; GroupNorm,
 * SiLU and a 1x1 conv project each latent vector to the codebook's dimension. Output: the five
 * scale features (NCHW, full to 1/16) followed by the latent [B, E, H/16, W/16].
 */
public final class LangAeEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LangAeConfig config;
    private final int embeddingDimension;
    private final Conv2d convIn;
    private final List<List<Block>> scaleBlocks = new ArrayList<>();
    private final List<Conv2d> downsamples = new ArrayList<>();
    private final List<Block> attention = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public LangAeEncoder(LangAeConfig config, int embeddingDimension) {
        super(VERSION);
        this.config = config;
        this.embeddingDimension = embeddingDimension;
        convIn = addChildBlock("conv_in", Layers.conv(config.channels(0), 3));
        int channels = config.channels(0);
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            List<Block> blocks = new ArrayList<>();
            for (int r = 0; r < config.resBlocks(); r++) {
                blocks.add(addChildBlock(
                        "scale" + s + "_res" + r, new ResnetBlock(channels, config.channels(s), config.groups())));
                channels = config.channels(s);
            }
            scaleBlocks.add(blocks);
            if (s < LangAeConfig.SCALES - 1) {
                downsamples.add(addChildBlock("down" + s, Layers.stridedConv(channels)));
            }
        }
        for (int a = 0; a < config.attentionBlocks(); a++) {
            attention.add(addChildBlock("attention" + a, new AttentionBlock(channels, config.groups())));
        }
        normOut = addChildBlock("norm_out", new GroupNorm(config.groups(), channels));
        convOut = addChildBlock("conv_out", Layers.conv(embeddingDimension, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = convIn.forward(store, inputs, training).singletonOrThrow();
        NDList outputs = new NDList();
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            for (Block b : scaleBlocks.get(s)) {
                h = StepScope.forward(b, store, h, training);
            }
            if (s == LangAeConfig.SCALES - 1) {
                for (Block a : attention) {
                    h = StepScope.forward(a, store, h, training);
                }
            }
            outputs.add(h);
            if (s < LangAeConfig.SCALES - 1) {
                h = StepScope.forward(downsamples.get(s), store, h, training);
            }
        }
        h = Layers.silu(normOut.forward(store, new NDList(h), training).singletonOrThrow());
        outputs.add(convOut.forward(store, new NDList(h), training).singletonOrThrow());
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape[] out = new Shape[LangAeConfig.SCALES + 1];
        Shape current = in;
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            out[s] = Layers.withChannels(current, config.channels(s));
            current = Layers.halved(current, config.channels(s));
        }
        out[LangAeConfig.SCALES] = Layers.withChannels(out[LangAeConfig.SCALES - 1], embeddingDimension);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        convIn.initialize(manager, dataType, shape);
        shape = Layers.withChannels(shape, config.channels(0));
        for (int s = 0; s < LangAeConfig.SCALES; s++) {
            for (Block b : scaleBlocks.get(s)) {
                b.initialize(manager, dataType, shape);
                shape = b.getOutputShapes(new Shape[] {shape})[0];
            }
            if (s == LangAeConfig.SCALES - 1) {
                for (Block a : attention) {
                    a.initialize(manager, dataType, shape);
                }
            } else {
                downsamples.get(s).initialize(manager, dataType, shape);
                shape = Layers.halved(shape, shape.get(1));
            }
        }
        normOut.initialize(manager, dataType, shape);
        convOut.initialize(manager, dataType, shape);
    }

    public LangAeConfig config() {
        return config;
    }
}
