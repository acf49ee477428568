package org.langmamba.inference.langae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.nn.Scalars;

class LangAeTest {
    private static final LangAeConfig TINY = new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4);
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
                assertThat(out.get(3 + s).getShape())
                        .isEqualTo(new Shape(1, LangAeConfig.compact().channels(s), sizes[s], sizes[s]));
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

    private NDArray table(NDManager m) {
        return m.create(codebook.table(), new Shape(codebook.size(), codebook.dimension()));
    }

    /** A 32x32 latent holding one word's embedding at every position. */
    private NDArray latentOf(NDManager m, int word) {
        return m.create(codebook.embedding(word))
                .reshape(1, -1, 1, 1)
                .repeat(2, 32)
                .repeat(3, 32);
    }

    @Test
    void aLatentMadeOfOneWordIsQuantizedToThatWordAtEveryLevel() {
        try (NDManager m = NDManager.newBaseManager()) {
            int bone = codebook.id("bone").orElseThrow();
            NDArray table = table(m);
            NDArray latent = latentOf(m, bone);
            for (PyramidAverage average : PyramidAverage.values()) {
                PyramidQuantizer.Result q = new PyramidQuantizer(table, average, WordMatch.EUCLIDEAN).quantize(latent);
                for (TokenPyramid.Level level : PyramidQuantizer.pyramidOf(q).levels()) {
                    assertThat(level.ids()).as(average.name()).containsOnly(bone);
                }
                assertThat(q.quantized().sub(latent).abs().max().getFloat())
                        .as(average.name())
                        .isLessThan(1e-5f);
            }
        }
    }

    /**
     * A body region's reading (issue 20): a latent of "liver" read among head words gets no liver at
     * any level, each level chooses only its own vocabulary's words, and the candidates it lists are
     * that vocabulary's, the chosen one first.
     */
    @Test
    void aLatentReadInARegionsVocabularyChoosesOnlyItsWords() {
        try (NDManager m = NDManager.newBaseManager()) {
            int liver = codebook.id("liver").orElseThrow();
            int brain = codebook.id("brain").orElseThrow();
            int bone = codebook.id("bone").orElseThrow();
            int head = codebook.id("head").orElseThrow();
            NDArray table = table(m);
            NDArray latent = latentOf(m, liver);
            List<int[]> vocabulary =
                    List.of(new int[] {head, brain, bone}, new int[] {brain, bone}, new int[] {brain, bone});
            PyramidQuantizer all = new PyramidQuantizer(table, PyramidAverage.SAMPLED_LEVELS, WordMatch.COSINE);
            PyramidQuantizer.Result q = all.restrictedTo(vocabulary, m).quantize(latent);
            List<TokenPyramid.Level> levels = PyramidQuantizer.pyramidOf(q).levels();
            for (int l = 0; l < levels.size(); l++) {
                assertThat(Arrays.stream(levels.get(l).ids()).boxed().toList())
                        .as("level " + (l + 1))
                        .isSubsetOf(Arrays.stream(vocabulary.get(l)).boxed().toList());
            }
            assertThat(PyramidQuantizer.pyramidOf(all.quantize(latent))
                            .levels()
                            .get(0)
                            .ids())
                    .as("the whole codebook")
                    .containsOnly(liver);
            NDArray target = q.targets().get(2).reshape(-1, codebook.dimension());
            NDArray[] nearest = all.restrictedTo(vocabulary, m).nearest(target, 2, 2);
            long[] ids = nearest[0].toLongArray();
            assertThat(List.of((int) ids[0], (int) ids[1])).containsExactlyInAnyOrder(brain, bone);
            assertThat((int) ids[0])
                    .as("the first candidate is the word chosen")
                    .isEqualTo(levels.get(2).ids()[0]);
            assertThatThrownBy(() -> all.restrictedTo(List.of(new int[] {brain}), m))
                    .hasMessageContaining("3 levels");
        }
    }

    /**
     * A short latent pointing at "liver": the Euclidean look-up answers with a word of small norm near
     * the table's centre (the hub every undecided latent fell on), the cosine look-up with "liver".
     */
    @Test
    void aShortLatentFindsItsWordByDirectionButAHubByDistance() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray table = m.create(codebook.table(), new Shape(codebook.size(), codebook.dimension()));
            int liver = codebook.id("liver").orElseThrow();
            NDArray latent = m.create(codebook.embedding(liver))
                    .mul(0.3f)
                    .reshape(1, -1, 1, 1)
                    .repeat(2, 4)
                    .repeat(3, 4);
            int byDistance = PyramidQuantizer.pyramidOf(
                            new PyramidQuantizer(table, PyramidAverage.SAMPLED_LEVELS, WordMatch.EUCLIDEAN)
                                    .quantize(latent))
                    .levels()
                    .get(2)
                    .ids()[0]; // (0, 0): level 3 only
            int byDirection = PyramidQuantizer.pyramidOf(
                            new PyramidQuantizer(table, PyramidAverage.SAMPLED_LEVELS, WordMatch.COSINE)
                                    .quantize(latent))
                    .levels()
                    .get(2)
                    .ids()[0]; // (0, 0): level 3 only
            assertThat(byDirection).isEqualTo(liver);
            assertThat(byDistance).isNotEqualTo(liver);
            float[] hub = codebook.embedding(byDistance);
            double norm = 0;
            for (float v : hub) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm))
                    .as(codebook.words().get(byDistance) + "'s norm")
                    .isLessThan(4.0);
        }
    }

    /**
     * The authors' average: where only level 3 sampled, z_q is that position's own nearest word;
     * at a level-1 position (7, 7) it is the mean of the three levels' words, which quantize the
     * residual so that their mean approaches z.
     */
    @Test
    void withSampledLevelsAPositionOnlyLevelThreeSampledIsItsOwnNearestWord() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray table = m.create(codebook.table(), new Shape(codebook.size(), codebook.dimension()));
            int bone = codebook.id("bone").orElseThrow();
            int liver = codebook.id("liver").orElseThrow();
            float[] values = new float[codebook.dimension() * 32 * 32];
            for (int e = 0; e < codebook.dimension(); e++) {
                for (int p = 0; p < 32 * 32; p++) {
                    // left half near "bone", right half near "liver"
                    values[e * 32 * 32 + p] = codebook.embedding(p % 32 < 16 ? bone : liver)[e] * 1.01f;
                }
            }
            NDArray latent = m.create(values, new Shape(1, codebook.dimension(), 32, 32));
            PyramidQuantizer.Result q =
                    new PyramidQuantizer(table, PyramidAverage.SAMPLED_LEVELS, WordMatch.EUCLIDEAN).quantize(latent);
            TokenPyramid.Level fine = PyramidQuantizer.pyramidOf(q).levels().get(2);
            assertThat(fine.ids()[0]).isEqualTo(bone);
            assertThat(fine.ids()[31]).isEqualTo(liver);
            float[] zq = q.quantized().get("0, :, 0, 31").toFloatArray();
            assertThat(zq).containsExactly(codebook.embedding(liver), org.assertj.core.data.Offset.offset(1e-5f));
            // level-1 position (7, 7): three words, their mean near z there
            NDArray at = q.quantized().get("0, :, 7, 7");
            NDArray z = latent.get("0, :, 7, 7");
            float residual = at.sub(z).norm().getFloat();
            float allThree = (float) Math.sqrt(z.square().sum().getFloat());
            assertThat(residual).isLessThan(0.1f * allThree);
        }
    }

    @Test
    void trainingReachesEveryEncoderAndDecoderParameterAndTheCodebookIsNoParameter() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(TINY, codebook);
            Shape in = new Shape(1, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            NDArray x = m.randomUniform(0, 1, in);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList out = ae.forward(new ParameterStore(m, false), new NDList(x), true);
                NDArray loss = out.get(0)
                        .sub(x)
                        .square()
                        .mean()
                        .add(Scalars.mul(LangAe.commitment(out.get(1), out.get(2)), 0.33f));
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
            long parameterValues = ae.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertThat(parameterValues)
                    .as("the 1.6M-value codebook is not among the parameters")
                    .isLessThan(codebookValues);
        }
    }

    /**
     * The learnt word map starts as the identity over words of one norm: the first level's tokens are
     * then the cosine tokens of the frozen table, and the decoder's input is a word's direction.
     */
    @Test
    void aFreshWordMapChoosesTheWordsOfTheCosineMatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 1, 64, 64);
            LangAe byTable = new LangAe(TINY, codebook);
            byTable.initialize(m, DataType.FLOAT32, in);
            LangAe byMap = new LangAe(TINY.withLearntWordMap(), codebook);
            byMap.initialize(m, DataType.FLOAT32, in);
            NDArray latent = m.randomNormal(new Shape(1, codebook.dimension(), 32, 32));

            TokenPyramid cosine = PyramidQuantizer.pyramidOf(byTable.quantize(latent));
            PyramidQuantizer.Result mapped = byMap.quantize(latent);

            // Level 1 quantizes the latent itself in both (later levels quantize what the earlier words
            // left, and those words differ in norm between the two).
            assertThat(PyramidQuantizer.pyramidOf(mapped).levels().get(0).ids())
                    .hasSize(4)
                    .containsExactly(cosine.levels().get(0).ids());
            float norm = mapped.quantized().get("0, :, 0, 0").norm().getFloat();
            assertThat(norm).as("a word's direction at the table's median norm").isBetween(4f, 7f);
        }
    }

    /** SimVQ's codebook term reaches the map; the words stay the frozen table's, moved together. */
    @Test
    void theWordMapTermTrainsTheMapAndNotTheTable() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(TINY.withLearntWordMap(), codebook);
            Shape in = new Shape(1, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            NDArray x = m.randomUniform(0, 1, in);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList out = ae.forward(new ParameterStore(m, false), new NDList(x), true);
                PyramidQuantizer.Result q = ae.quantize(out.get(1));
                collector.backward(LangAe.wordMapTerm(out.get(1), q.quantizedIntoTable()));
            }
            NDArray mapGradient = ae.getParameters().get("wordMap").getArray().getGradient();
            assertThat(mapGradient.abs().sum().getFloat()).isGreaterThan(0f);
            long codebookValues = (long) codebook.size() * codebook.dimension();
            long parameterValues = ae.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertThat(parameterValues).isLessThan(codebookValues);
        }
    }

    /** The factorised look-up: words chosen among their 8-d codes, by a latent mapped onto the unit sphere. */
    @Test
    void aFactorizedLookUpQuantizesOnTheUnitSphereOfEightDimensionsAndStillNamesWords() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(TINY.withFactorizedLookup(), codebook);
            Shape in = new Shape(1, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            NDList out = ae.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false);

            NDArray lookup = out.get(1);
            assertThat(lookup.getShape()).isEqualTo(new Shape(1, 8, 4, 4));
            float[] norms = lookup.square().sum(new int[] {1}).sqrt().toFloatArray();
            for (float n : norms) {
                assertThat(n).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            }
            NDArray codes = ae.wordsAsRead(m);
            assertThat(codes.getShape()).isEqualTo(new Shape(codebook.size(), 8));
            // The encoder's own latent and the look-up latent give the same words.
            NDArray latent = ae.encode(new ParameterStore(m, false), m.randomUniform(0, 1, in), false)
                    .get(LangAeConfig.SCALES);
            int[] fromLatent = PyramidQuantizer.pyramidOf(ae.quantize(latent))
                    .levels()
                    .get(2)
                    .ids();
            assertThat(fromLatent).hasSize(16);
            for (int id : fromLatent) {
                assertThat(codebook.word(id)).isNotEmpty();
            }
        }
    }

    @Test
    void wordCodesAreUnitVectorsAlongTheTablesPrincipalAxes() {
        double[][] axes = WordCodes.principalAxes(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}}, 2);
        assertThat(Math.abs(axes[0][1])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.abs(axes[1][2])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        float[] codes = WordCodes.of(codebook.table(), 50, codebook.dimension(), 8);
        for (int k = 0; k < 50; k++) {
            double norm = 0;
            for (int d = 0; d < 8; d++) {
                norm += codes[k * 8 + d] * codes[k * 8 + d];
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    /**
     * A detail level (SPAE's dense last layer) samples every position again and quantizes what the
     * level-3 word lacks there, (n + 1) z - sum of earlier words: the pyramid gets a fourth 32x32 level
     * and, where the words lie densely enough (a look-up space, here three words in a plane), the mean
     * of two words lies nearer the latent than the paper's one word. (Among the 100-d table's sparse
     * words the residual target usually finds the same word again: the detail level is for a dense space.)
     */
    @Test
    void aDetailLevelQuantizesWhatTheFinestWordLacksAndBringsZqNearerTheLatent() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray words = m.create(new float[] {1, 0, 0, 1, 0.5f, 0.5f}, new Shape(3, 2));
            float[] values = new float[2 * 32 * 32];
            Arrays.fill(values, 0, 32 * 32, 0.8f);
            Arrays.fill(values, 32 * 32, 2 * 32 * 32, 0.2f);
            NDArray latent = m.create(values, new Shape(1, 2, 32, 32)); // (0.8, 0.2) everywhere
            int[] strides = TINY.withDetailLevels(1).strides();
            assertThat(strides).containsExactly(16, 4, 1, 1);
            PyramidQuantizer paper = new PyramidQuantizer(words, PyramidAverage.SAMPLED_LEVELS, WordMatch.EUCLIDEAN);
            PyramidQuantizer detailed =
                    new PyramidQuantizer(words, PyramidAverage.SAMPLED_LEVELS, WordMatch.EUCLIDEAN, strides);
            PyramidQuantizer.Result three = paper.quantize(latent);
            PyramidQuantizer.Result four = detailed.quantize(latent);

            TokenPyramid pyramid = PyramidQuantizer.pyramidOf(four);
            assertThat(pyramid.levels()).extracting(TokenPyramid.Level::tokens).containsExactly(4, 64, 1024, 1024);
            assertThat(pyramid.levels().get(2).ids())
                    .as("the paper's levels choose as before")
                    .isEqualTo(PyramidQuantizer.pyramidOf(three).levels().get(2).ids());
            // (0, 1) is sampled by level 3 only: (1, 0) there, then (0.5, 0.5) for what it lacks.
            assertThat(pyramid.levels().get(2).ids()[1]).isZero();
            assertThat(pyramid.levels().get(3).ids()[1]).isEqualTo(2);
            NDArray z = latent.get("0, :, 0, 1");
            float oneWord = three.quantized().get("0, :, 0, 1").sub(z).norm().getFloat();
            float twoWords = four.quantized().get("0, :, 0, 1").sub(z).norm().getFloat();
            assertThat(twoWords).isLessThan(0.5f * oneWord);
            assertThat(detailed.levels()).isEqualTo(4);
        }
    }

    /** The look-up dimension is the model's: a 32-d factorised LangAE maps its latent to 32 and says so. */
    @Test
    void aFactorizedLookUpInThirtyTwoDimensionsIsNamedInTheArchitecture() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAeConfig config = TINY.withFactorizedLookup(32);
            LangAe ae = new LangAe(config, codebook);
            Shape in = new Shape(1, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            NDList out = ae.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false);
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, 32, 4, 4));
            assertThat(ae.wordsAsRead(m).getShape()).isEqualTo(new Shape(codebook.size(), 32));
            assertThat(config.toString()).contains("words looked up in 32 dimensions");
            assertThat(config).isNotEqualTo(TINY.withFactorizedLookup());
            assertThat(TINY.withFactorizedLookup().tokenVariants()).contains(config, config.withDetailLevels(1));
            assertThatThrownBy(() -> TINY.withFactorizedLookup(12))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not 12");
        }
    }

    /**
     * A word read at its strength (ADR 0010, eighth round): the decoder reads s c(k), s the look-up latent's
     * length. Scaling the look-up map leaves every token as it was (words are chosen on the unit sphere)
     * but changes what the decoder draws; calibration puts the median strength at 1.
     */
    @Test
    void aWordReadAtItsStrengthKeepsItsTokensAndTellsTheDecoderHowStrong() {
        try (NDManager m = NDManager.newBaseManager()) {
            LangAeConfig config = TINY.withFactorizedLookup(32).withWordStrength(true);
            assertThat(config.toString()).contains("words at the latent's strength");
            assertThat(TINY.withFactorizedLookup(32).tokenVariants()).contains(config);
            assertThatThrownBy(() -> TINY.withWordStrength(true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("factorised look-up");
            LangAe ae = new LangAe(config, codebook);
            Shape in = new Shape(2, 1, 64, 64);
            ae.initialize(m, DataType.FLOAT32, in);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, in);
            NDList before = ae.forward(store, new NDList(x), false);
            int[] tokensBefore = PyramidQuantizer.pyramidOf(ae.quantize(before.get(1)))
                    .levels()
                    .get(2)
                    .ids();

            float median = ae.calibrateWordStrength(store, x);
            assertThat(Math.abs(median - 1f))
                    .as("a fresh look-up map's median length")
                    .isGreaterThan(0.05f);
            assertThat(ae.calibrateWordStrength(store, x)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));

            NDList after = ae.forward(store, new NDList(x), false);
            assertThat(PyramidQuantizer.pyramidOf(ae.quantize(after.get(1)))
                            .levels()
                            .get(2)
                            .ids())
                    .as("the same words")
                    .isEqualTo(tokensBefore);
            float change = after.get(0).sub(before.get(0)).abs().max().getFloat();
            assertThat(change).as("the decoder reads how strong each word is").isGreaterThan(1e-4f);

            LangAe unit = new LangAe(TINY.withFactorizedLookup(32), codebook);
            unit.initialize(m, DataType.FLOAT32, in);
            assertThatThrownBy(() -> unit.calibrateWordStrength(store, x)).isInstanceOf(IllegalStateException.class);
        }
    }
}
