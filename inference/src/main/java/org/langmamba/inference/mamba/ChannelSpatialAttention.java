package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.langmamba.inference.nn.Scalars;

/**
 * CSA, the attention branch of the EMA block, as the authors' code builds it (SPEC, "What the
 * authors' code does"): a local 3x3 conv C to C/4, GELU, 3x3 conv back to C; channel attention
 * (global average pool, 1x1 conv C to C/16, SiLU, 1x1 conv back, sigmoid) scaling the channels;
 * then a spatial gate (1x1 conv C to C/16, SiLU, 1x1 conv to one map, sigmoid) scaling the pixels.
 * The 3x3 convolutions give the decoder the local spatial capacity that CBAM's pooled MLP lacked.
 * One departure: SiLU, not ReLU, in the channel squeeze; at the compact widths it has 4 units, and
 * ReLU units that start negative on the pooled map never recover (seen: the whole squeeze dead).
 * NCHW in and out.
 */
public final class ChannelSpatialAttention extends AbstractBlock {
    private static final byte VERSION = 2;

    private final int channels;
    private final Conv2d local;
    private final Conv2d localBack;
    private final Conv2d channelSqueeze;
    private final Conv2d channelExcite;
    private final Conv2d spatialSqueeze;
    private final Conv2d spatialGate;

    public ChannelSpatialAttention(int channels, int reduction) {
        super(VERSION);
        this.channels = channels;
        int quarter = Math.max(1, channels / 4);
        // At least 4 units in the squeezes: narrow compact maps (C < 4r) would otherwise go through one.
        int reduced = Math.max(Math.min(4, channels), channels / reduction);
        local = addChildBlock("local", conv(quarter, 3));
        localBack = addChildBlock("local_back", conv(channels, 3));
        channelSqueeze = addChildBlock("channel_squeeze", conv(reduced, 1));
        channelExcite = addChildBlock("channel_excite", conv(channels, 1));
        spatialSqueeze = addChildBlock("spatial_squeeze", conv(reduced, 1));
        spatialGate = addChildBlock("spatial_gate", conv(1, 1));
    }

    private static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    private static NDArray apply(Conv2d conv, ParameterStore store, NDArray x, boolean training) {
        return conv.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // [B, C, H, W]
        NDArray h = apply(localBack, store, Activation.gelu(apply(local, store, x, training)), training);
        // DJL's PyTorch engine reduces over one axis per call: pool the pixels as one axis (a strided
        // reduction over H, then W, was 10x slower at full resolution).
        Shape shape = h.getShape();
        NDArray pooled = h.reshape(shape.get(0), shape.get(1), -1)
                .mean(new int[] {2}, true)
                .reshape(shape.get(0), shape.get(1), 1, 1); // [B, C, 1, 1]
        NDArray channel = Activation.sigmoid(
                apply(channelExcite, store, Scalars.silu(apply(channelSqueeze, store, pooled, training)), training));
        h = h.mul(channel);
        NDArray gate = Activation.sigmoid(apply(
                spatialGate, store, Scalars.silu(apply(spatialSqueeze, store, h, training)), training)); // [B, 1, H, W]
        return new NDList(h.mul(gate));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.get(1) != channels) {
            throw new IllegalArgumentException("CSA built for " + channels + " channels, input has shape " + in);
        }
        local.initialize(manager, dataType, in);
        Shape quarter = local.getOutputShapes(new Shape[] {in})[0];
        localBack.initialize(manager, dataType, quarter);
        Shape pooled = new Shape(in.get(0), channels, 1, 1);
        channelSqueeze.initialize(manager, dataType, pooled);
        channelExcite.initialize(manager, dataType, channelSqueeze.getOutputShapes(new Shape[] {pooled})[0]);
        spatialSqueeze.initialize(manager, dataType, in);
        spatialGate.initialize(manager, dataType, spatialSqueeze.getOutputShapes(new Shape[] {in})[0]);
    }
}
