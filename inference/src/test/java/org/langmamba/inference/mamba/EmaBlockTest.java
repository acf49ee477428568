package org.langmamba.inference.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.nn.Upsampling;

/** The EMA block and its parts: shapes kept, every parameter trained. */
class EmaBlockTest {
    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    private static NDArray run(Block block, NDManager m, Shape shape) {
        block.initialize(m, DataType.FLOAT32, shape);
        NDArray x = m.randomNormal(shape);
        return block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
    }

    @Test
    void theEmaBlockKeepsTheFeatureMapShapeForEvenAndOddSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (Shape shape : List.of(new Shape(1, 8, 16, 16), new Shape(2, 8, 9, 7))) {
                NDArray y = run(new EmaBlock(EmaConfig.standard(8)), m, shape);
                assertThat(y.getShape()).isEqualTo(shape);
                assertThat(y.isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void everyParameterOfTheEmaBlockReceivesAGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            EmaBlock block = new EmaBlock(EmaConfig.standard(8));
            Shape shape = new Shape(1, 8, 8, 8); // NCHW
            block.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomNormal(shape);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), true)
                        .singletonOrThrow();
                collector.backward(y.mul(y).mean());
            }
            List<String> without = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray gradient = p.getValue().getArray().getGradient();
                if (gradient == null || gradient.abs().sum().getFloat() == 0f) {
                    without.add(p.getKey());
                }
            }
            assertThat(without).as("parameters without gradient").isEmpty();
            assertThat(block.getParameters().size()).isGreaterThan(20);
        }
    }

    @Test
    void theS6BlockStartsFromMambasInitialisation() {
        try (NDManager m = NDManager.newBaseManager()) {
            SelectiveScanBlock s6 = new SelectiveScanBlock(32, 16);
            NDArray y = run(s6, m, new Shape(2, 50, 32));
            assertThat(y.getShape()).isEqualTo(new Shape(2, 50, 32));
            NDArray aLog = s6.getParameters().get("A_log").getArray();
            // A = -exp(A_log) = -(1..N) for every channel (S4D-real).
            float[] a = aLog.exp().get("0, :").toFloatArray();
            for (int n = 0; n < 16; n++) {
                assertThat(a[n]).isCloseTo(n + 1f, org.assertj.core.api.Assertions.within(1e-5f * (n + 1)));
            }
            assertThat(SelectiveScanBlock.softplus(m.create(new float[] {-100f, 0f, 100f}))
                            .toFloatArray())
                    .containsExactly(0f, (float) Math.log(2), 100f);
        }
    }

    @Test
    void deltaStartsLogUniformBetweenAThousandthAndATenth() {
        try (NDManager m = NDManager.newBaseManager()) {
            SelectiveScanBlock s6 = new SelectiveScanBlock(256, 8);
            s6.initialize(m, DataType.FLOAT32, new Shape(1, 4, 256));
            NDArray bias = s6.getParameters().stream()
                    .filter(p -> p.getKey().endsWith("dt_proj_bias"))
                    .findFirst()
                    .orElseThrow()
                    .getValue()
                    .getArray();
            float[] delta = SelectiveScanBlock.softplus(bias).toFloatArray();
            int below = 0;
            for (float d : delta) {
                assertThat(d).isBetween(0.001f * 0.999f, 0.1f * 1.001f);
                below += d < 0.01f ? 1 : 0; // log-uniform: half the channels below the geometric middle
            }
            assertThat(below).isBetween(256 / 2 - 40, 256 / 2 + 40);
        }
    }

    @Test
    void bilinearUpsamplingMatchesPyTorchsHalfPixelRule() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 6f).reshape(1, 1, 2, 3); // rows [0 1 2], [3 4 5]
            float[] y = Upsampling.bilinear2x(x).toFloatArray();
            assertThat(y).hasSize(4 * 6);
            // torch.nn.functional.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False), first row:
            // along W [0, .25, .75, 1.25, 1.75, 2]; row 0 of 4 is input row 0 (edge), row 1 is 3/4 row 0 + 1/4 row 1.
            assertThat(Arrays.copyOfRange(y, 0, 6)).containsExactly(0f, 0.25f, 0.75f, 1.25f, 1.75f, 2f);
            assertThat(Arrays.copyOfRange(y, 6, 12)).containsExactly(0.75f, 1f, 1.5f, 2f, 2.5f, 2.75f);
            assertThat(Arrays.copyOfRange(y, 18, 24)).containsExactly(3f, 3.25f, 3.75f, 4.25f, 4.75f, 5f);
        }
    }
}
