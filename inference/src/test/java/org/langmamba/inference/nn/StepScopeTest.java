package org.langmamba.inference.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;

class StepScopeTest {
    /** Five operations: five intermediates when nothing frees them. */
    private static final LambdaBlock FIVE_STEPS = new LambdaBlock(
            in -> new NDList(in.head().add(1).sub(2).add(3).sub(4).add(5)), "five steps");

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    @Test
    void inInferenceOnlyTheOutputJoinsTheCallersManagerWithTheSameValues() {
        try (NDManager caller = NDManager.newBaseManager()) {
            FIVE_STEPS.initialize(caller, DataType.FLOAT32, new Shape(4));
            ParameterStore store = new ParameterStore(caller, false);
            NDArray x = caller.create(new float[] {1, 2, 3, 4});
            int before = caller.getManagedArrays().size();

            NDArray scoped = StepScope.forward(FIVE_STEPS, store, x, false);

            assertThat(caller.getManagedArrays().size() - before)
                    .as("arrays left on the caller")
                    .isEqualTo(1);
            assertThat(scoped.toFloatArray()).containsExactly(4, 5, 6, 7);
            assertThat(x.getManager()).as("the input is given back").isSameAs(caller);

            NDArray kept = StepScope.forward(FIVE_STEPS, store, x, true);
            assertThat(caller.getManagedArrays().size() - before)
                    .as("training keeps every intermediate")
                    .isEqualTo(1 + 5);
            assertThat(kept.toFloatArray()).containsExactly(scoped.toFloatArray());
        }
    }
}
