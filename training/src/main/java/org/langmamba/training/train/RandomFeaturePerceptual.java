package org.langmamba.training.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.langmamba.inference.nn.Scalars;

/**
 * The perceptual term of Eq. 8 without a pretrained VGG (none can be downloaded here, ADR 0007):
 * distances between the feature maps of a fixed, randomly initialised convolutional network at
 * three scales. Random convolutional features are known to carry much of what a perceptual loss
 * measures (edges and texture statistics at several scales); the network is seeded, so the term is
 * the same function in every run, and frozen. Each scale's features are compared after
 * normalisation by their channel count, so no scale dominates.
 */
public final class RandomFeaturePerceptual {
    private static final int SEED = 20_241_125;
    private final SequentialBlock[] stages = new SequentialBlock[3];
    private final ParameterStore store;

    public RandomFeaturePerceptual(NDManager manager, int width) {
        Engine.getEngine("PyTorch").setRandomSeed(SEED);
        Shape in = new Shape(1, 1, 64, 64);
        int channels = width;
        for (int s = 0; s < stages.length; s++) {
            SequentialBlock stage = new SequentialBlock();
            stage.add(Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .optStride(new Shape(s == 0 ? 1 : 2, s == 0 ? 1 : 2))
                    .setFilters(channels)
                    .build());
            stage.add(Activation::relu);
            stage.initialize(manager, DataType.FLOAT32, in);
            stage.freezeParameters(true);
            in = stage.getOutputShapes(new Shape[] {in})[0];
            stages[s] = stage;
            channels *= 2;
        }
        store = new ParameterStore(manager, false);
    }

    /** Mean over scales of the mean squared feature difference; the gradient reaches {@code x}. */
    public NDArray distance(NDArray x, NDArray target) {
        NDArray a = x;
        NDArray b = target.stopGradient();
        NDArray total = null;
        for (SequentialBlock stage : stages) {
            a = stage.forward(store, new NDList(a), false).singletonOrThrow();
            b = stage.forward(store, new NDList(b), false).singletonOrThrow().stopGradient();
            NDArray d = a.sub(b).square().mean();
            total = total == null ? d : total.add(d);
        }
        return Scalars.div(total, stages.length);
    }
}
