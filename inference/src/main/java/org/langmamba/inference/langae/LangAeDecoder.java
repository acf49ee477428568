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

/**
 * LangAE's decoder G: from quantized embeddings [B, E, H/16, W/16] back to a one-channel slice,
 * mirroring the encoder (attention at the lowest scale, ResNet blocks per scale, nearest 2x
 * upsampling followed by a conv).
 */
public final class LangAeDecoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LangAeConfig config;
    private final Conv2d convIn;
    private final List<Block> attention = new ArrayList<>();
    private final List<List<Block>> scaleBlocks = new ArrayList<>(); // index = scale, lowest first in use
    private final List<Conv2d> upConvs = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public LangAeDecoder(LangAeConfig config) {
        super(VERSION);
        this.config = config;
        int top = LangAeConfig.SCALES - 1;
        convIn = addChildBlock("conv_in", Layers.conv(config.channels(top), 3));
        for (int a = 0; a < config.attentionBlocks(); a++) {
            attention.add(addChildBlock("attention" + a, new AttentionBlock(config.channels(top), config.groups())));
        }
        int channels = config.channels(top);
        for (int s = top; s >= 0; s--) {
            List<Block> blocks = new ArrayList<>();
            for (int r = 0; r < config.resBlocks(); r++) {
                blocks.add(addChildBlock(
                        "scale" + s + "_res" + r, new ResnetBlock(channels, config.channels(s), config.groups())));
                channels = config.channels(s);
            }
            scaleBlocks.add(blocks);
            if (s > 0) {
                upConvs.add(addChildBlock("up" + s, Layers.conv(channels, 3)));
            }
        }
        normOut = addChildBlock("norm_out", new GroupNorm(config.groups(), channels));
        convOut = addChildBlock("conv_out", Layers.conv(1, 3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = convIn.forward(store, inputs, training).singletonOrThrow();
        for (Block a : attention) {
            h = a.forward(store, new NDList(h), training).singletonOrThrow();
        }
        for (int i = 0; i < scaleBlocks.size(); i++) {
            for (Block b : scaleBlocks.get(i)) {
                h = b.forward(store, new NDList(h), training).singletonOrThrow();
            }
            if (i < upConvs.size()) {
                h = upConvs.get(i)
                        .forward(store, new NDList(Layers.upsample(h)), training)
                        .singletonOrThrow();
            }
        }
        h = Layers.silu(normOut.forward(store, new NDList(h), training).singletonOrThrow());
        return convOut.forward(store, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        int factor = LangAeConfig.stride();
        return new Shape[] {new Shape(in.get(0), 1, in.get(2) * factor, in.get(3) * factor)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        convIn.initialize(manager, dataType, shape);
        shape = Layers.withChannels(shape, config.channels(LangAeConfig.SCALES - 1));
        for (Block a : attention) {
            a.initialize(manager, dataType, shape);
        }
        for (int i = 0; i < scaleBlocks.size(); i++) {
            for (Block b : scaleBlocks.get(i)) {
                b.initialize(manager, dataType, shape);
                shape = b.getOutputShapes(new Shape[] {shape})[0];
            }
            if (i < upConvs.size()) {
                shape = new Shape(shape.get(0), shape.get(1), shape.get(2) * 2, shape.get(3) * 2);
                upConvs.get(i).initialize(manager, dataType, shape);
            }
        }
        normOut.initialize(manager, dataType, shape);
        convOut.initialize(manager, dataType, shape);
    }
}
