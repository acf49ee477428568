package org.langmamba.inference.redcnn;

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
import java.util.ArrayList;
import java.util.List;

/**
 * RED-CNN (Chen et al., IEEE TMI 36, 2017), the paper's CNN baseline: five 5x5 convolutions without
 * padding (96 filters, ReLU) and five 5x5 transposed convolutions back, with residual shortcuts from
 * the input, the second and the fourth conv to the matching deconvolutions, ReLU after each sum.
 * NCHW, one channel in and out, same size.
 *
 * <p>DJL's PyTorch engine does not implement transposed convolution, so each "deconvolution" is a
 * 5x5 convolution with 4 pixels of zero padding: with stride 1 that is the same operation (a
 * transposed convolution is a full convolution with the kernel flipped), learned the same way.
 */
public final class RedCnn extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int filters;
    private final List<Conv2d> encoder = new ArrayList<>();
    private final List<Conv2d> decoder = new ArrayList<>();

    public RedCnn(int filters) {
        super(VERSION);
        this.filters = filters;
        for (int i = 1; i <= 5; i++) {
            encoder.add(addChildBlock(
                    "conv" + i,
                    Conv2d.builder()
                            .setKernelShape(new Shape(5, 5))
                            .setFilters(filters)
                            .build()));
        }
        for (int i = 1; i <= 5; i++) {
            decoder.add(addChildBlock(
                    "deconv" + i,
                    Conv2d.builder()
                            .setKernelShape(new Shape(5, 5))
                            .optPadding(new Shape(4, 4))
                            .setFilters(i == 5 ? 1 : filters)
                            .build()));
        }
    }

    /** The paper's width: 96 filters. */
    public static RedCnn standard() {
        return new RedCnn(96);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = x;
        NDArray skip2 = null;
        NDArray skip4 = null;
        for (int i = 0; i < 5; i++) {
            h = Activation.relu(
                    encoder.get(i).forward(store, new NDList(h), training).singletonOrThrow());
            if (i == 1) {
                skip2 = h;
            } else if (i == 3) {
                skip4 = h;
            }
        }
        h = decoder.get(0).forward(store, new NDList(h), training).singletonOrThrow();
        h = Activation.relu(h.add(skip4));
        h = Activation.relu(
                decoder.get(1).forward(store, new NDList(h), training).singletonOrThrow());
        h = decoder.get(2).forward(store, new NDList(h), training).singletonOrThrow();
        h = Activation.relu(h.add(skip2));
        h = Activation.relu(
                decoder.get(3).forward(store, new NDList(h), training).singletonOrThrow());
        h = decoder.get(4).forward(store, new NDList(h), training).singletonOrThrow();
        return new NDList(Activation.relu(h.add(x)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Conv2d conv : encoder) {
            conv.initialize(manager, dataType, shape);
            shape = new Shape(shape.get(0), filters, shape.get(2) - 4, shape.get(3) - 4);
        }
        for (int i = 0; i < 5; i++) {
            decoder.get(i).initialize(manager, dataType, shape);
            shape = new Shape(shape.get(0), i == 4 ? 1 : filters, shape.get(2) + 4, shape.get(3) + 4);
        }
    }
}
