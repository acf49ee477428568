package org.langmamba.inference.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;

/** The chunked parallel scan gives the sequential recurrence's outputs and gradients. */
class SelectiveScanTest {
    private static final int BATCH = 2;
    private static final int CHANNELS = 6;
    private static final int STATES = 4;

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    /** x, delta, A, B, C, D as Mamba has them: delta > 0 (softplus), A < 0 (-exp). */
    private static NDList randomInputs(NDManager m, int length, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        NDArray x = m.randomNormal(new Shape(BATCH, length, CHANNELS));
        NDArray delta =
                m.randomNormal(new Shape(BATCH, length, CHANNELS)).exp().add(1).log(); // softplus
        NDArray a = m.randomNormal(0, 0.5f, new Shape(CHANNELS, STATES), DataType.FLOAT32)
                .exp()
                .neg();
        NDArray b = m.randomNormal(new Shape(BATCH, length, STATES));
        NDArray c = m.randomNormal(new Shape(BATCH, length, STATES));
        NDArray d = m.randomNormal(new Shape(CHANNELS));
        return new NDList(x, delta, a, b, c, d);
    }

    private static NDArray run(NDList in, Function<NDList, NDArray> scan) {
        return scan.apply(in);
    }

    @Test
    void chunkedOutputsEqualTheSequentialOnesForAnyChunkLength() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int length : new int[] {1, 7, 33, 50}) {
                NDList in = randomInputs(m, length, length);
                NDArray reference =
                        SelectiveScan.sequential(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5));
                NDArray associative =
                        SelectiveScan.associative(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5));
                float scaleA = Math.max(1f, reference.abs().max().getFloat());
                assertThat(associative.sub(reference).abs().max().getFloat() / scaleA)
                        .as("associative, length %d", length)
                        .isLessThan(1e-5f);
                for (int chunk : new int[] {1, 8, 16, 64}) {
                    NDArray chunked = SelectiveScan.chunked(
                            in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), chunk);
                    assertThat(chunked.getShape()).isEqualTo(new Shape(BATCH, length, CHANNELS));
                    // Relative to the output's size: float32 cumulative sums round like the loop's products.
                    float scale = Math.max(1f, reference.abs().max().getFloat());
                    float maxDifference = chunked.sub(reference).abs().max().getFloat() / scale;
                    assertThat(maxDifference)
                            .as("length %d, chunk %d", length, chunk)
                            .isLessThan(1e-5f);
                }
            }
        }
    }

    @Test
    void fusedCpuKernelEqualsTheSequentialScan() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int length : new int[] {1, 7, 33, 50, 300}) {
                NDList in = randomInputs(m, length, 100 + length);
                NDArray reference =
                        SelectiveScan.sequential(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5));
                NDArray fused =
                        SelectiveScanKernel.scan(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5));
                assertThat(fused.getShape()).isEqualTo(reference.getShape());
                float scale = Math.max(1f, reference.abs().max().getFloat());
                assertThat(fused.sub(reference).abs().max().getFloat() / scale)
                        .as("length %d", length)
                        .isLessThan(1e-5f);
            }
        }
    }

    @Test
    void fastExponentialMatchesMathExpOverTheScansRange() {
        double worst = 0;
        for (float z = -87.3f; z <= 0f; z += 0.0007f) {
            double exact = Math.exp(z);
            worst = Math.max(worst, Math.abs(SelectiveScanKernel.expNonPositive(z) - exact) / exact);
        }
        assertThat(worst).isLessThan(5e-7);
        assertThat(SelectiveScanKernel.expNonPositive(0f)).isEqualTo(1f);
        assertThat(SelectiveScanKernel.expNonPositive(-100f)).isEqualTo(0f);
    }

    @Test
    void chunkedGradientsEqualTheSequentialOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList base = randomInputs(m, 40, 3);
            NDList sequentialGradients = gradients(
                    base,
                    in -> SelectiveScan.sequential(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)));
            NDList chunkedGradients = gradients(
                    base,
                    in -> SelectiveScan.chunked(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), 16));
            NDList associativeGradients = gradients(
                    base,
                    in -> SelectiveScan.associative(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)));
            String[] names = {"x", "delta", "A", "B", "C", "D"};
            for (int i = 0; i < names.length; i++) {
                NDArray expected = sequentialGradients.get(i);
                float scale = Math.max(1f, expected.abs().max().getFloat());
                float difference =
                        chunkedGradients.get(i).sub(expected).abs().max().getFloat() / scale;
                assertThat(difference).as("gradient of " + names[i]).isLessThan(1e-5f);
                float associativeDifference =
                        associativeGradients.get(i).sub(expected).abs().max().getFloat() / scale;
                assertThat(associativeDifference)
                        .as("associative gradient of " + names[i])
                        .isLessThan(1e-5f);
                assertThat(expected.abs().sum().getFloat())
                        .as("gradient of " + names[i] + " flows")
                        .isGreaterThan(0f);
            }
        }
    }

    /** d(sum of a fixed projection of y)/d(each input), on fresh copies so gradients do not mix. */
    private static NDList gradients(NDList base, Function<NDList, NDArray> scan) {
        NDList copies = new NDList();
        for (NDArray a : base) {
            NDArray copy = a.duplicate();
            copy.setRequiresGradient(true);
            copies.add(copy);
        }
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y = run(copies, scan);
            NDArray weights = y.getManager()
                    .arange((float) y.size())
                    .reshape(y.getShape())
                    .div(y.size())
                    .sin();
            collector.backward(y.mul(weights).sum());
        }
        NDList grads = new NDList();
        for (NDArray copy : copies) {
            grads.add(copy.getGradient().duplicate());
        }
        return grads;
    }
}
