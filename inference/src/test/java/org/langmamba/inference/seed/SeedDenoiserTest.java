package org.langmamba.inference.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.LangAeEncoder;

class SeedDenoiserTest {
    private static final LangAeConfig TINY = new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4);

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    @Test
    void denoisedSlicesHaveTheInputsSizeEvenForOddSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (Shape shape : new Shape[] {new Shape(1, 1, 64, 64), new Shape(2, 1, 45, 70)}) {
                SeedDenoiser seed = new SeedDenoiser(new LangAeEncoder(TINY, 100), SeedConfig.compact());
                seed.initialize(m, DataType.FLOAT32, shape);
                NDArray y = seed.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, shape)), false)
                        .singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(shape);
            }
        }
    }

    @Test
    void theDecoderTrainsAndTheLangAeEncoderStaysFrozen() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 64x64: the 1/16 bottleneck is 4x4, so its ES2D sub-grids hold sequences longer than one
            // step (with one step, A cannot matter and gets no gradient).
            Shape shape = new Shape(1, 1, 64, 64);
            SeedDenoiser seed = new SeedDenoiser(new LangAeEncoder(TINY, 100), SeedConfig.compact());
            seed.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomUniform(0, 1, shape);
            // A fresh SEED is close to the identity: its head starts near zero.
            NDArray fresh = seed.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(fresh.sub(x).abs().mean().getFloat()).isLessThan(0.02f).isGreaterThan(0f);
            // As after some training, give the head weights of a trained size, so that gradients
            // through the deepest gates are not lost below float precision in this tiny network.
            for (Pair<String, Parameter> p : seed.getParameters()) {
                if (p.getKey().matches("\\d*head_weight")) {
                    NDArray w = p.getValue().getArray();
                    w.addi(m.randomNormal(0f, 0.1f, w.getShape(), w.getDataType()));
                }
            }
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = seed.forward(new ParameterStore(m, false), new NDList(x), true)
                        .singletonOrThrow();
                collector.backward(y.sub(x.mul(0.9f)).square().mean());
            }
            List<String> decoderWithout = new ArrayList<>();
            List<String> encoderTrainable = new ArrayList<>();
            for (Pair<String, Parameter> p : seed.getParameters()) {
                boolean encoder = p.getKey().contains("langae_encoder"); // DJL prefixes child names with their index
                if (encoder && p.getValue().requiresGradient()) {
                    encoderTrainable.add(p.getKey());
                }
                if (encoder) {
                    continue;
                }
                NDArray g = p.getValue().getArray().getGradient();
                if (g == null || g.abs().sum().getFloat() == 0f) {
                    decoderWithout.add(p.getKey());
                }
            }
            assertThat(encoderTrainable)
                    .as("frozen LangAE parameters marked trainable")
                    .isEmpty();
            assertThat(decoderWithout).as("decoder parameters without gradient").isEmpty();
        }
    }

    @Test
    void seedPredictsAResidualSoAZeroOutputLayerLeavesTheSliceAsItIs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 32, 32);
            SeedDenoiser seed = new SeedDenoiser(new LangAeEncoder(TINY, 100), SeedConfig.compact());
            seed.initialize(m, DataType.FLOAT32, shape);
            for (Pair<String, Parameter> p : seed.getParameters()) {
                if (p.getKey().matches("\\d*head_.*")) {
                    NDArray w = p.getValue().getArray();
                    w.subi(w);
                }
            }
            NDArray x = m.randomUniform(0, 1, shape);
            NDArray y = seed.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.sub(x).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void anUntrainedSeedChangesASliceByAboutOneHu() {
        // The head starts small against the unit-scale features it reads (skip norms): training begins
        // at the identity, not hundreds of HU away from it (ADR 0009).
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 64, 64);
            SeedDenoiser seed = new SeedDenoiser(new LangAeEncoder(TINY, 100), SeedConfig.compact());
            seed.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomUniform(0.2f, 0.3f, shape);
            NDArray change = seed.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow()
                    .sub(x)
                    .mul(4096);
            float sdHu = change.square().mean().sqrt().getFloat();
            assertThat(sdHu).as("SD of the change in HU").isGreaterThan(0.05f).isLessThan(3f);
            assertThat(change.abs().max().getFloat()).as("largest change in HU").isLessThan(15f);
        }
    }
}
