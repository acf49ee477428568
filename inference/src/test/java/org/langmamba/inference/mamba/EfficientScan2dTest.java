package org.langmamba.inference.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;

/** ES2D's sampling, orders and merge, checked with scans whose effect is known. */
class EfficientScan2dTest {
    private static final List<Function<NDArray, NDArray>> IDENTITY = Collections.nCopies(4, s -> s);
    /** A causal scan whose output shows the order: running sum along the sequence. */
    private static final List<Function<NDArray, NDArray>> RUNNING_SUM = Collections.nCopies(4, s -> s.cumSum(1));

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    @Test
    void withStepTwoEveryPixelIsScannedOnceAndPutBackInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (long[] size : new long[][] {{8, 8}, {5, 7}, {1, 3}}) {
                NDArray x = m.randomNormal(new Shape(2, size[0], size[1], 3));
                NDArray y = EfficientScan2d.apply(x, 2, IDENTITY);
                assertThat(y.getShape()).isEqualTo(x.getShape());
                assertThat(y.sub(x).abs().max().getFloat())
                        .as("%dx%d", size[0], size[1])
                        .isZero();
            }
        }
    }

    @Test
    void withStepOneTheFourDirectionsAllScanTheMapAndAreSummed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 4, 6, 2));
            assertThat(EfficientScan2d.apply(x, 1, IDENTITY)
                            .sub(x.mul(4))
                            .abs()
                            .max()
                            .getFloat())
                    .isLessThan(1e-6f);
        }
    }

    @Test
    void eachSubGridIsScannedInItsDirection() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 4x4 map, one channel, pixel value = 1 everywhere: a running sum counts the position
            // of each pixel in its sub-grid's scan order (1..4 for the 2x2 sub-grids).
            NDArray ones = m.ones(new Shape(1, 4, 4, 1));
            float[] y = EfficientScan2d.apply(ones, 2, RUNNING_SUM).toFloatArray();
            float[] expected = new float[16];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    int gr = r / 2; // row inside the sub-grid
                    int gc = c / 2; // column inside the sub-grid
                    int grid = (r % 2) * 2 + (c % 2);
                    int order = switch (ScanDirection.values()[grid]) {
                        case TOP_LEFT_TO_BOTTOM_RIGHT -> gr * 2 + gc;
                        case BOTTOM_RIGHT_TO_TOP_LEFT -> (1 - gr) * 2 + (1 - gc);
                        case TOP_RIGHT_TO_BOTTOM_LEFT -> gr * 2 + (1 - gc);
                        case BOTTOM_LEFT_TO_TOP_RIGHT -> (1 - gr) * 2 + gc;
                    };
                    expected[r * 4 + c] = order + 1;
                }
            }
            assertThat(y).containsExactly(expected);
        }
    }

    @Test
    void gradientsFlowBackToEveryPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 6, 5, 2));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(EfficientScan2d.apply(x, 2, RUNNING_SUM).sum());
            }
            // d(sum of running sums)/dx = how many outputs each input reaches: at least 1 everywhere.
            assertThat(x.getGradient().min().getFloat()).isGreaterThanOrEqualTo(1f);
        }
    }
}
