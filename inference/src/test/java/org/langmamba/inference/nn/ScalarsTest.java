package org.langmamba.inference.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.engine.GcStress;

/**
 * The backward pass must not depend on whether the JVM collected garbage after the forward pass
 * (DJL's number operations free their scalar's buffer early; see {@link Scalars}).
 */
class ScalarsTest {
    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    private static float[] gradientOf(UnaryOperator<NDArray> f, boolean collect) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2f, -0.5f, 0.5f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                if (collect) {
                    GcStress.collectAndScribble();
                }
                c.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void numberOperationsHaveTheirGradientAfterAGarbageCollection() {
        assertThat(gradientOf(x -> Scalars.mul(x, 3f), true)).containsExactly(3f, 3f, 3f, 3f);
        assertThat(gradientOf(x -> Scalars.div(x, 4f), true)).containsExactly(0.25f, 0.25f, 0.25f, 0.25f);
        assertThat(gradientOf(x -> Scalars.maximum(x, 0f), true)).containsExactly(0f, 0f, 1f, 1f);
        float[] silu = gradientOf(Scalars::silu, true);
        float[] expected = {-2f, -0.5f, 0.5f, 3f};
        for (int i = 0; i < 4; i++) {
            double s = 1 / (1 + Math.exp(-expected[i]));
            assertThat(silu[i]).isCloseTo((float) (s * (1 + expected[i] * (1 - s))), within(1e-5f));
        }
    }
}
