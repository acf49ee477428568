package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The EMA block of SEED's decoder (paper Eqs. 10-11, Fig. 3): ESSM(X) and CSA(X) in parallel,
 * summed, through an FFN (1x1 convolutions, i.e. per-pixel linear layers, with SiLU), plus X.
 * Both branches see X through a LayerNorm (pre-norm, as in the VMamba blocks EMA derives from):
 * without it, large decoder activations saturate CBAM's sigmoids and its MLP stops learning.
 * Channels-last [B, H, W, C] in and out.
 */
public final class EmaBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final EmaConfig config;
    private final LayerNorm norm;
    private final EfficientSelectiveScanModule essm;
    private final ChannelSpatialAttention csa;
    private final Linear ffnIn;
    private final Linear ffnOut;

    public EmaBlock(EmaConfig config) {
        super(VERSION);
        this.config = config;
        norm = addChildBlock("norm", LayerNorm.builder().axis(3).build());
        essm = addChildBlock("essm", new EfficientSelectiveScanModule(config));
        csa = addChildBlock("csa", new ChannelSpatialAttention(config));
        ffnIn = addChildBlock("ffn_in", Linear.builder().setUnits((long) config.ffnMultiple() * config.channels()).build());
        ffnOut = addChildBlock("ffn_out", Linear.builder().setUnits(config.channels()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList normalised = norm.forward(store, inputs, training);
        NDArray fused = essm.forward(store, normalised, training).singletonOrThrow()
                .add(csa.forward(store, normalised, training).singletonOrThrow());
        NDArray hidden = EfficientSelectiveScanModule.silu(ffnIn.forward(store, new NDList(fused), training).singletonOrThrow());
        return new NDList(ffnOut.forward(store, new NDList(hidden), training).singletonOrThrow().add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(3) != config.channels()) {
            throw new IllegalArgumentException("EMA block for " + config.channels() + " channels needs [B, H, W, "
                    + config.channels() + "], got " + in);
        }
        norm.initialize(manager, dataType, in);
        essm.initialize(manager, dataType, in);
        csa.initialize(manager, dataType, in);
        ffnIn.initialize(manager, dataType, in);
        ffnOut.initialize(manager, dataType, new Shape(in.get(0), in.get(1), in.get(2), (long) config.ffnMultiple() * config.channels()));
    }
}
