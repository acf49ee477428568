package org.langmamba.inference.langae;

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
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.engine.DevicePreference;

class LangAeTest {
    static LanguageCodebook codebook;

    @BeforeAll
    static void setUp() throws Exception {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
    }

    @Test
    void aFiveHundredTwelveSliceGivesFiveScalesALatentAndA4_64_1024TokenPyramid() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(LangAeConfig.compact(), codebook);
            Shape in = new Shape(1, 1, 512, 512);
            ae.initialize(m, DataType.FLOAT32, in);
            NDList out = ae.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false);

            assertThat(out.get(0).getShape()).isEqualTo(in);
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, 100, 32, 32));
            long[] sizes = {512, 256, 128, 64, 32};
            for (int s = 0; s < 5; s++) {
                assertThat(out.get(3 + s).getShape()).isEqualTo(new Shape(1, LangAeConfig.compact().channels(s), sizes[s], sizes[s]));
            }
            TokenPyramid pyramid = PyramidQuantizer.pyramidOf(ae.quantize(out.get(1)));
            assertThat(pyramid.levels()).extracting(TokenPyramid.Level::tokens).containsExactly(4, 64, 1024);
            assertThat(pyramid.levels()).extracting(TokenPyramid.Level::rows).containsExactly(2, 8, 32);
        }
    }

    @Test
    void otherSizesArePaddedToWhereEveryLevelTilesTheLatent() {
        assertThat(LangAe.paddedSize(96)).isEqualTo(128);
        assertThat(LangAe.paddedSize(512)).isEqualTo(512);
        assertThat(LangAe.paddedSize(400)).isEqualTo(512);
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(LangAeConfig.compact(), codebook);
            Shape in = new Shape(1, 1, LangAe.paddedSize(96), LangAe.paddedSize(160));
            ae.initialize(m, DataType.FLOAT32, in);
            NDList out = ae.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false);
            assertThat(out.get(0).getShape()).isEqualTo(in);
            TokenPyramid pyramid = PyramidQuantizer.pyramidOf(ae.quantize(out.get(1)));
            assertThat(pyramid.levels()).extracting(TokenPyramid.Level::tokens).containsExactly(1, 2 * 3, 8 * 12);
        }
    }

    @Test
    void aLatentMadeOfOneWordIsQuantizedToThatWordAtEveryLevel() {
        try (NDManager m = NDManager.newBaseManager()) {
            int bone = codebook.id("bone").orElseThrow();
            NDArray table = m.create(codebook.table(), new Shape(codebook.size(), codebook.dimension()));
            NDArray latent = m.create(codebook.embedding(bone)).reshape(1, -1, 1, 1).repeat(2, 32).repeat(3, 32);
            PyramidQuantizer.Result q = new PyramidQuantizer(table).quantize(latent);
            for (TokenPyramid.Level level : PyramidQuantizer.pyramidOf(q).levels()) {
                assertThat(level.ids()).containsOnly(bone);
            }
            assertThat(q.quantized().sub(latent).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void trainingReachesEveryEncoderAndDecoderParameterAndTheCodebookIsNoParameter() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4), codebook);
            Shape in = new Shape(1, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            NDArray x = m.randomUniform(0, 1, in);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList out = ae.forward(new ParameterStore(m, false), new NDList(x), true);
                NDArray loss = out.get(0).sub(x).square().mean().add(org.langmamba.inference.nn.Scalars.mul(LangAe.commitment(out.get(1), out.get(2)), 0.33f));
                collector.backward(loss);
            }
            List<String> without = new ArrayList<>();
            for (Pair<String, Parameter> p : ae.getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                if (g == null || g.abs().sum().getFloat() == 0f) {
                    without.add(p.getKey());
                }
            }
            assertThat(without).as("parameters without gradient").isEmpty();
            long codebookValues = (long) codebook.size() * codebook.dimension();
            long parameterValues = ae.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(parameterValues).as("the 1.6M-value codebook is not among the parameters").isLessThan(codebookValues);
        }
    }
}
