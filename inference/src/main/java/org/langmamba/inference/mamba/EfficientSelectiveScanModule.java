package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.langmamba.inference.nn.Scalars;
import org.langmamba.inference.nn.StepScope;

/**
 * ESSM, the scan branch of the EMA block (SPEC, Fig. 3): branch 1 = Linear(C to EC), depth-wise
 * 3x3 conv, SiLU, ES2D (one S6 per scan direction), LayerNorm; branch 2 = Linear(C to EC), SiLU;
 * their product projected back by Linear(EC to C). Channels-last [B, H, W, C] in and out.
 */
public final class EfficientSelectiveScanModule extends AbstractBlock {
    private static final byte VERSION = 1;

    private final EmaConfig config;
    private final Linear expand;
    private final Conv2d depthwise;
    private final List<SelectiveScanBlock> scans = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear gate;
    private final Linear project;

    public EfficientSelectiveScanModule(EmaConfig config) {
        super(VERSION);
        this.config = config;
        int e = config.expanded();
        expand = addChildBlock("expand", Linear.builder().setUnits(e).build());
        depthwise = addChildBlock(
                "depthwise",
                Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .setFilters(e)
                        .optGroups(e)
                        .build());
        for (ScanDirection direction : ScanDirection.values()) {
            scans.add(addChildBlock(
                    "s6_" + direction.name().toLowerCase(Locale.ROOT), new SelectiveScanBlock(e, config.states())));
        }
        norm = addChildBlock("norm", LayerNorm.builder().axis(3).build());
        gate = addChildBlock("gate", Linear.builder().setUnits(e).build());
        project = addChildBlock(
                "project", Linear.builder().setUnits(config.channels()).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // In inference each stage keeps only its result: at full resolution the expanded map (2C
        // channels) is half a GB for the paper size, and this module made about ten of them (issue 18).
        NDArray activated = StepScope.apply(x, training, in -> {
            NDArray u = expand.forward(store, new NDList(in), training).singletonOrThrow();
            return silu(depthwise
                    .forward(store, new NDList(u.transpose(0, 3, 1, 2)), training)
                    .singletonOrThrow()
                    .transpose(0, 2, 3, 1));
        });
        List<Function<NDArray, NDArray>> directionScans = new ArrayList<>();
        for (SelectiveScanBlock scan : scans) {
            // ES2D frees each direction's intermediates (EfficientScan2d.apply with training false).
            directionScans.add(sequence ->
                    scan.forward(store, new NDList(sequence), training).singletonOrThrow());
        }
        NDArray scanned = StepScope.apply(
                activated,
                training,
                in -> norm.forward(
                                store,
                                new NDList(EfficientScan2d.apply(in, config.step(), directionScans, training)),
                                training)
                        .singletonOrThrow());
        StepScope.release(training, activated);
        NDArray gated = StepScope.apply(
                x,
                training,
                in -> scanned.mul(
                        silu(gate.forward(store, new NDList(in), training).singletonOrThrow())));
        StepScope.release(training, scanned);
        return project.forward(store, new NDList(gated), training);
    }

    static NDArray silu(NDArray x) {
        return Scalars.silu(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0]; // [B, H, W, C]
        int e = config.expanded();
        Shape expanded = new Shape(in.get(0), in.get(1), in.get(2), e);
        expand.initialize(manager, dataType, in);
        depthwise.initialize(manager, dataType, new Shape(in.get(0), e, in.get(1), in.get(2)));
        for (SelectiveScanBlock scan : scans) {
            scan.initialize(manager, dataType, new Shape(in.get(0), -1, e));
        }
        norm.initialize(manager, dataType, expanded);
        gate.initialize(manager, dataType, in);
        project.initialize(manager, dataType, expanded);
    }
}
