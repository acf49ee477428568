package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018), which VQGAN uses throughout and DJL lacks: channels in
 * {@code groups} groups, each normalised over its channels and all pixels, then a per-channel
 * scale and shift. NCHW in and out.
 */
public final class GroupNorm extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-6f;

    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    public GroupNorm(int groups, int channels) {
        super(VERSION);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        gamma = addParameter(Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels))
                .optInitializer((m, s, t) -> m.ones(s, t))
                .build());
        beta = addParameter(Parameter.builder()
                .setName("beta")
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(channels))
                .optInitializer((m, s, t) -> m.zeros(s, t))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        // Each group over its channels and pixels is one layer norm over the grouped axis: one fused
        // libtorch call instead of eight passes over the map (issue 18); its own scale and shift stay 1, 0.
        Shape group = new Shape(grouped.getShape().get(2));
        NDManager call = x.getManager();
        NDArray normalised = grouped.getNDArrayInternal()
                .layerNorm(
                        grouped,
                        group,
                        call.ones(group, x.getDataType(), x.getDevice()),
                        call.zeros(group, x.getDataType(), x.getDevice()),
                        EPSILON)
                .singletonOrThrow()
                .reshape(shape);
        // Views of the parameters belong to the call's manager (x's): freed with it, not kept per step.
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, -1, 1, 1);
        g.attach(x.getManager());
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(1, -1, 1, 1);
        b.attach(x.getManager());
        return new NDList(normalised.mul(g).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
