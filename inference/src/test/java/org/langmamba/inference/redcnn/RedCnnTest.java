package org.langmamba.inference.redcnn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;

class RedCnnTest {
    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    @Test
    void keepsTheSliceSizeForEvenAndOddSizesAndHasThePapersParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            RedCnn net = RedCnn.standard();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
            ParameterStore store = new ParameterStore(m, false);
            for (Shape shape : new Shape[] {new Shape(1, 1, 64, 64), new Shape(2, 1, 57, 71)}) {
                NDArray y = net.forward(store, new NDList(m.randomUniform(0, 1, shape)), false)
                        .singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(shape);
            }
            // 5x5 kernels: conv1 1->96, conv2-5 96->96, deconv1-4 96->96, deconv5 96->1, with biases.
            long expected = (25L * 96 + 96) + 8 * (25L * 96 * 96 + 96) + (25L * 96 + 1);
            long count = net.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertThat(count).isEqualTo(expected);
        }
    }

    @Test
    void learnsToReduceNoiseInAFewSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            RedCnn net = new RedCnn(16);
            Shape shape = new Shape(4, 1, 32, 32);
            net.initialize(m, DataType.FLOAT32, shape);
            NDArray clean = m.full(shape, 0.5f);
            NDArray noisy = clean.add(m.randomNormal(0, 0.05f, shape, DataType.FLOAT32));
            ParameterStore store = new ParameterStore(m, false);
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 30; step++) {
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = net.forward(store, new NDList(noisy), true)
                            .singletonOrThrow()
                            .sub(clean)
                            .square()
                            .mean();
                    collector.backward(loss);
                    last = loss.getFloat();
                    first = Float.isNaN(first) ? last : first;
                }
                // Every step's gradient is finite (ADR 0008: once, NaN steps here were put down to the machine).
                for (var p : net.getParameters()) {
                    NDArray w = p.getValue().getArray();
                    try (NDArray g = w.getGradient()) {
                        assertThat(g.isNaN().logicalOr(g.isInfinite()).any().getBoolean())
                                .as("non-finite gradient of %s at step %d", p.getKey(), step + 1)
                                .isFalse();
                        w.subi(g.mul(0.05f));
                        g.subi(g);
                    }
                }
            }
            assertThat(last).isLessThan(first);
        }
    }
}
