package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.nn.NativeArrays;

class WordUsageEntropyTest {
    private static final LanguageCodebook CODEBOOK = DefaultCodebook.load();

    /** 64 targets in [1, 8, 8, E]: each one the embedding of the word named by {@code ids}. */
    private static NDArray targets(NDManager manager, int[] ids) {
        int e = CODEBOOK.dimension();
        float[] values = new float[ids.length * e];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(CODEBOOK.table(), ids[i] * e, values, i * e, e);
        }
        return NativeArrays.of(manager, values, new Shape(1, 8, 8, e));
    }

    private static WordUsageEntropy term(NDManager manager) {
        NDArray table = NativeArrays.of(manager, CODEBOOK.table(), new Shape(CODEBOOK.size(), CODEBOOK.dimension()));
        return new WordUsageEntropy(table, LangAeTraining.WORD_USAGE_TEMPERATURE);
    }

    @Test
    void aLevelThatUsesOneWordEverywhereCostsMoreThanOneThatUsesSixtyFour() {
        ComputeEngine.start(DevicePreference.CPU);
        try (NDManager manager = NDManager.newBaseManager()) {
            WordUsageEntropy term = term(manager);
            int[] collapsed = new int[64];
            Arrays.fill(collapsed, CODEBOOK.id("gas").orElseThrow());
            int[] spread = new int[64];
            for (int i = 0; i < spread.length; i++) {
                spread[i] = 100 + 97 * i; // 64 different words across the table
            }
            float oneWord = term.loss(targets(manager, collapsed)).getFloat();
            float manyWords = term.loss(targets(manager, spread)).getFloat();
            assertThat(oneWord).isBetween(-1f, 1f);
            assertThat(manyWords).isBetween(-1f, 1f);
            // ln 64 / ln 16 384 = 0.43 apart if each target were certain of its own word.
            assertThat(oneWord - manyWords).isGreaterThan(0.2f);
        }
    }

    @Test
    void itsGradientMovesCollapsedTargetsApart() {
        ComputeEngine.start(DevicePreference.CPU);
        try (NDManager manager = NDManager.newBaseManager()) {
            WordUsageEntropy term = term(manager);
            int[] collapsed = new int[64];
            Arrays.fill(collapsed, CODEBOOK.id("liver").orElseThrow());
            NDArray t = targets(manager, collapsed).duplicate();
            // slightly different starting points, so that the targets can go different ways
            t = t.add(manager.randomNormal(0, 0.05f, t.getShape(), t.getDataType()));
            t.setRequiresGradient(true);
            float before;
            try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = term.loss(t);
                before = loss.getFloat();
                c.backward(loss);
            }
            NDArray moved = t.sub(t.getGradient().mul(5f)).stopGradient();
            assertThat(term.loss(moved).getFloat()).isLessThan(before);
        }
    }
}
