package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.langmamba.inference.nn.StepScope;

/**
 * The EMA block of SEED's decoder as the authors' code builds it (SPEC): y = FFN(X + ESSM(X) +
 * CSA(X)), with ESSM the efficient selective-scan branch (reading X through a LayerNorm, as the
 * VMamba blocks it derives from) and CSA the conv attention branch, both beside the identity; the
 * FFN is two 3x3 convolutions with LeakyReLU (C to C, then C to the block's output width), plus its
 * input again when {@code residual} (through a 1x1 conv when the width changes). NCHW in and out.
 */
public final class EmaBlock extends AbstractBlock {
    private static final byte VERSION = 2;
    private static final float LEAKY_SLOPE = 0.01f; // PyTorch's LeakyReLU default, as the authors use it

    private final EmaConfig config;
    private final LayerNorm norm;
    private final EfficientSelectiveScanModule essm;
    private final ChannelSpatialAttention csa;
    private final Conv2d ffnIn;
    private final Conv2d ffnOut;
    private final Conv2d shortcut;

    public EmaBlock(EmaConfig config) {
        super(VERSION);
        this.config = config;
        norm = config.scan() ? addChildBlock("norm", LayerNorm.builder().axis(3).build()) : null;
        essm = config.scan() ? addChildBlock("essm", new EfficientSelectiveScanModule(config)) : null;
        csa = addChildBlock("csa", new ChannelSpatialAttention(config.channels(), config.reduction()));
        ffnIn = addChildBlock("ffn_in", conv3x3(config.channels()));
        ffnOut = addChildBlock("ffn_out", conv3x3(config.outChannels()));
        shortcut = config.residual() && config.channels() != config.outChannels()
                ? addChildBlock(
                        "shortcut",
                        Conv2d.builder()
                                .setKernelShape(new Shape(1, 1))
                                .setFilters(config.outChannels())
                                .optBias(false)
                                .build())
                : null;
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // [B, C, H, W]
        // Each branch in a step scope: at full resolution its intermediates are hundreds of MB.
        NDArray attended = StepScope.forward(csa, store, x, training);
        NDArray fused = x.add(attended);
        StepScope.release(training, attended);
        if (essm != null) {
            NDArray channelsLast = StepScope.forward(norm, store, x.transpose(0, 2, 3, 1), training);
            NDArray scanned = StepScope.forward(essm, store, channelsLast, training);
            StepScope.release(training, channelsLast);
            NDArray withScan = fused.add(scanned.transpose(0, 3, 1, 2));
            StepScope.release(training, scanned, fused);
            fused = withScan;
        }
        NDArray hidden = Activation.leakyRelu(StepScope.forward(ffnIn, store, fused, training), LEAKY_SLOPE);
        NDArray out = Activation.leakyRelu(StepScope.forward(ffnOut, store, hidden, training), LEAKY_SLOPE);
        StepScope.release(training, hidden);
        if (config.residual()) {
            out = out.add(
                    shortcut == null
                            ? fused
                            : shortcut.forward(store, new NDList(fused), training)
                                    .singletonOrThrow());
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), config.outChannels(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != config.channels()) {
            throw new IllegalArgumentException("EMA block for " + config.channels() + " channels needs [B, "
                    + config.channels() + ", H, W], got " + in);
        }
        if (essm != null) {
            Shape channelsLast = new Shape(in.get(0), in.get(2), in.get(3), in.get(1));
            norm.initialize(manager, dataType, channelsLast);
            essm.initialize(manager, dataType, channelsLast);
        }
        csa.initialize(manager, dataType, in);
        ffnIn.initialize(manager, dataType, in);
        ffnOut.initialize(manager, dataType, in);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, in);
        }
    }
}
