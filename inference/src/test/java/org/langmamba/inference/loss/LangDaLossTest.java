package org.langmamba.inference.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;

class LangDaLossTest {
    static LanguageCodebook codebook;

    @BeforeAll
    static void setUp() throws Exception {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
    }

    private static LangAe langAe(NDManager m, Shape shape) {
        LangAe ae = new LangAe(new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4), codebook);
        ae.initialize(m, DataType.FLOAT32, shape);
        return ae;
    }

    @Test
    void langDaIsZeroForIdenticalSlicesAndPositiveOtherwiseInEveryVariant() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 64, 64);
            LangAe ae = langAe(m, shape);
            NDArray y = m.randomUniform(0, 1, shape);
            NDArray x = y.add(m.randomNormal(0, 0.2f, shape, DataType.FLOAT32));
            for (LangDaLoss.Terms terms : LangDaLoss.Terms.values()) {
                LangDaLoss loss = new LangDaLoss(ae, new ParameterStore(m, false), terms, 0.1f);
                // Zero up to float rounding: Q passes gradients straight through as z + (q - z).
                assertThat(loss.langDa(y, y).getFloat()).as(terms.name()).isLessThan(1e-10f);
                assertThat(loss.langDa(x, y).getFloat()).as(terms.name()).isPositive();
            }
            LangDaLoss both = new LangDaLoss(ae, new ParameterStore(m, false), LangDaLoss.Terms.BOTH, 0.1f);
            float mse = x.sub(y).square().mean().getFloat();
            assertThat(both.total(x, y).getFloat())
                    .isCloseTo(
                            mse + 0.1f * both.langDa(x, y).getFloat(), org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void theGradientReachesTheDenoisedSliceButNotTheFrozenLangAe() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 64, 64);
            LangAe ae = langAe(m, shape);
            NDArray y = m.randomUniform(0, 1, shape);
            NDArray x = y.add(m.randomNormal(0, 0.2f, shape, DataType.FLOAT32));
            x.setRequiresGradient(true);
            LangDaLoss loss = new LangDaLoss(ae, new ParameterStore(m, false), LangDaLoss.Terms.DISCRETE_ONLY, 1f);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(loss.langDa(x, y));
            }
            assertThat(x.getGradient().abs().sum().getFloat()).isPositive();
            ae.getParameters()
                    .values()
                    .forEach(p ->
                            assertThat(p.requiresGradient()).as(p.getName()).isFalse());
        }
    }
}
