package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.langmamba.inference.nn.Scalars;

/**
 * S6 with its input-dependent parameters (paper II-B, Eqs. 1-3): from each token x_t,
 * delta = softplus(Linear_R->D(Linear_D->R(x)) + bias), B = Linear(x), C = Linear(x); A = -exp(A_log)
 * per channel and state (S4D-real initialisation A = -(1..N), as Mamba), D a skip weight; then
 * the scan: {@link SelectiveScan#chunked} in training (it keeps the graph) and on a GPU,
 * {@link SelectiveScanKernel} for inference on the CPU. Input and output [B, L, D].
 */
public final class SelectiveScanBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /**
     * Scan chunk length. The chunked form does T times the loop's work inside a chunk but L / T
     * tensor operations: 16 measured best on 2 CPU cores (256x256 SEED: 4.8 s at 8 or 16, 10.6 s at
     * 32, 24.5 s at 64). Tunable with -Dlangmamba.scan.chunk for other hardware.
     */
    static final int CHUNK = Integer.getInteger("langmamba.scan.chunk", 16);

    private final int channels;
    private final int states;
    private final int rank;
    private final Linear inputProjection;
    private final Linear deltaProjection;
    private final Parameter aLog;
    private final Parameter skip;

    /** {@code channels} D, {@code states} N (16 by default); the delta rank is ceil(D / 16). */
    public SelectiveScanBlock(int channels, int states) {
        super(VERSION);
        this.channels = channels;
        this.states = states;
        this.rank = (int) Math.ceil(channels / 16.0);
        inputProjection = addChildBlock(
                "x_proj",
                Linear.builder().setUnits(rank + 2L * states).optBias(false).build());
        deltaProjection =
                addChildBlock("dt_proj", Linear.builder().setUnits(channels).build());
        aLog = addParameter(Parameter.builder()
                .setName("A_log")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(channels, states))
                .optInitializer((manager, shape, type) -> manager.zeros(
                                shape, type) // a dense array: the optimiser writes it in place
                        .add(manager.arange(1f, states + 1f).log().toType(type, false)))
                .build());
        skip = addParameter(Parameter.builder()
                .setName("D")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(channels))
                .optInitializer((manager, shape, type) -> manager.ones(shape, type))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray projected =
                inputProjection.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray deltaLow = projected.get("..., 0:{}", rank);
        NDArray b = projected.get("..., {}:{}", rank, rank + states);
        NDArray c = projected.get("..., {}:", rank + states);
        NDArray delta = softplus(
                deltaProjection.forward(store, new NDList(deltaLow), training).singletonOrThrow());
        // exp() of a parameter would belong to the parameter's long-lived manager: move it to the call's.
        NDArray expALog = store.getValue(aLog, x.getDevice(), training).exp();
        expALog.attach(x.getManager());
        NDArray a = expALog.neg();
        NDArray d = store.getValue(skip, x.getDevice(), training);
        if (!training && !x.getDevice().isGpu()) {
            // CPU inference: one fused loop (SEED compact at 512x512: 21 s with the chunked form).
            return new NDList(SelectiveScanKernel.scan(x, delta, a, b, c, d));
        }
        // Training keeps the graph; on a GPU each chunk's temporaries are freed as it completes, so a
        // whole 512x512 map stays within a few hundred MB. (The prefix scan, SelectiveScan.associative,
        // needs fewer tensor operations but holds log2(L) full-length states: 17 GB at 256x256, measured.)
        return new NDList(SelectiveScan.chunked(x, delta, a, b, c, d, CHUNK, training));
    }

    /** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^-|x|). */
    static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0f).add(x.abs().neg().exp().add(1f).log());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.get(in.dimension() - 1) != channels) {
            throw new IllegalArgumentException("S6 block built for " + channels + " channels, input has shape " + in);
        }
        inputProjection.initialize(manager, dataType, in);
        deltaProjection.initialize(
                manager, dataType, in.slice(0, in.dimension() - 1).add(rank));
        // Mamba's start: delta = softplus(bias) log-uniform in [0.001, 0.1] per channel, so each
        // channel remembers over 10 to 1 000 steps; DJL's default bias (0) gives 0.69, a memory of
        // barely a pixel or two. Written through a detached view (in place on a trainable array).
        NDArray bias = deltaProjection.getParameters().get("bias").getArray().stopGradient();
        NDArray delta = manager.randomUniform(
                        (float) Math.log(DELTA_MIN), (float) Math.log(DELTA_MAX), bias.getShape(), bias.getDataType())
                .exp();
        // Inverse softplus: delta + log(1 - exp(-delta)).
        bias.subi(bias).addi(delta.add(delta.neg().exp().neg().add(1f).log()));
    }

    static final double DELTA_MIN = 0.001;
    static final double DELTA_MAX = 0.1;
}
