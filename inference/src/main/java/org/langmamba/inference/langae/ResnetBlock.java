package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** VQGAN's ResNet block: GroupNorm, SiLU, 3x3 conv, twice, plus the input (1x1 conv when widths differ). NCHW. */
final class ResnetBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outChannels;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private Conv2d shortcut;

    ResnetBlock(int inChannels, int outChannels, int groups) {
        super(VERSION);
        this.outChannels = outChannels;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, inChannels));
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3));
        norm2 = addChildBlock("norm2", new GroupNorm(groups, outChannels));
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3));
        if (inChannels != outChannels) {
            shortcut = addChildBlock("shortcut", Layers.conv(outChannels, 1));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = Layers.silu(norm1.forward(store, inputs, training).singletonOrThrow());
        h = conv1.forward(store, new NDList(h), training).singletonOrThrow();
        h = Layers.silu(norm2.forward(store, new NDList(h), training).singletonOrThrow());
        h = conv2.forward(store, new NDList(h), training).singletonOrThrow();
        NDArray skip =
                shortcut == null ? x : shortcut.forward(store, inputs, training).singletonOrThrow();
        return new NDList(h.add(skip));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Layers.withChannels(inputShapes[0], outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape out = Layers.withChannels(in, outChannels);
        norm1.initialize(manager, dataType, in);
        conv1.initialize(manager, dataType, in);
        norm2.initialize(manager, dataType, out);
        conv2.initialize(manager, dataType, out);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, in);
        }
    }
}
