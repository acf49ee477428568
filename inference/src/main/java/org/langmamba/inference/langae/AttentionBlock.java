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
import org.langmamba.inference.nn.Scalars;

/** VQGAN's single-head self-attention over all pixels of the lowest scale, plus the input. NCHW. */
final class AttentionBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final GroupNorm norm;
    private final Conv2d query;
    private final Conv2d key;
    private final Conv2d value;
    private final Conv2d project;

    AttentionBlock(int channels, int groups) {
        super(VERSION);
        norm = addChildBlock("norm", new GroupNorm(groups, channels));
        query = addChildBlock("q", Layers.conv(channels, 1));
        key = addChildBlock("k", Layers.conv(channels, 1));
        value = addChildBlock("v", Layers.conv(channels, 1));
        project = addChildBlock("proj", Layers.conv(channels, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long c = s.get(1);
        NDList h = norm.forward(store, inputs, training);
        NDArray q = query.forward(store, h, training)
                .singletonOrThrow()
                .reshape(s.get(0), c, -1)
                .transpose(0, 2, 1); // [B, HW, C]
        NDArray k = key.forward(store, h, training).singletonOrThrow().reshape(s.get(0), c, -1); // [B, C, HW]
        NDArray v = value.forward(store, h, training).singletonOrThrow().reshape(s.get(0), c, -1); // [B, C, HW]
        NDArray weights = Scalars.div(q.matMul(k), (float) Math.sqrt(c)).softmax(2); // [B, HW, HW]
        NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(s);
        return new NDList(project.forward(store, new NDList(attended), training)
                .singletonOrThrow()
                .add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
