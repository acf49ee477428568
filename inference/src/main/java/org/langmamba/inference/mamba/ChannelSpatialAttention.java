package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CSA, the attention branch of the EMA block: CBAM (Woo et al. 2018). Channel attention from the
 * average- and max-pooled map through one shared MLP (C to C/r to C), summed, sigmoid; then spatial
 * attention from a 7x7 conv over the channel-wise mean and max, sigmoid. Channels-last in and out.
 */
public final class ChannelSpatialAttention extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int hidden;
    private final Linear squeeze;
    private final Linear excite;
    private final Conv2d spatial;

    public ChannelSpatialAttention(EmaConfig config) {
        super(VERSION);
        // At least 4 hidden units: narrow compact maps (C < 4r) would otherwise squeeze through one
        // ReLU unit, which a bad start can leave dead for good.
        hidden = Math.max(Math.min(4, config.channels()), config.channels() / config.reduction());
        squeeze = addChildBlock("mlp_squeeze", Linear.builder().setUnits(hidden).build());
        excite = addChildBlock("mlp_excite", Linear.builder().setUnits(config.channels()).build());
        spatial = addChildBlock("spatial", Conv2d.builder().setKernelShape(new Shape(7, 7)).optPadding(new Shape(3, 3))
                .setFilters(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                   // [B, H, W, C]
        // DJL's PyTorch engine reduces over one axis per call: pool H, then W.
        NDArray average = x.mean(new int[] {1}).mean(new int[] {1});             // [B, C]
        NDArray maximum = x.max(new int[] {1}).max(new int[] {1});
        NDArray channel = Activation.sigmoid(mlp(store, average, training).add(mlp(store, maximum, training)));
        NDArray y = x.mul(channel.expandDims(1).expandDims(1));
        NDArray pooled = y.mean(new int[] {3}, true).concat(y.max(new int[] {3}, true), 3); // [B, H, W, 2]
        NDArray map = spatial.forward(store, new NDList(pooled.transpose(0, 3, 1, 2)), training).singletonOrThrow();
        return new NDList(y.mul(Activation.sigmoid(map).transpose(0, 2, 3, 1)));
    }

    private NDArray mlp(ParameterStore store, NDArray pooled, boolean training) {
        NDArray hidden = Activation.relu(squeeze.forward(store, new NDList(pooled), training).singletonOrThrow());
        return excite.forward(store, new NDList(hidden), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        squeeze.initialize(manager, dataType, new Shape(in.get(0), in.get(3)));
        excite.initialize(manager, dataType, new Shape(in.get(0), hidden));
        spatial.initialize(manager, dataType, new Shape(in.get(0), 2, in.get(1), in.get(2)));
    }
}
