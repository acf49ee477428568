package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.codebook.TissueCandidatePools;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.ModelFile;
import org.langmamba.inference.model.Models;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.training.data.PairedDataset;

/**
 * Short real training runs of both stages on phantom pairs (simulated quarter dose): the loss falls,
 * a run stopped and resumed from its checkpoint takes exactly the steps the uninterrupted run took,
 * and a NaN loss stops with a message instead of writing a model.
 */
class TrainingRunsTest {
    private static final LangAeConfig TINY = new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4);
    private static LanguageCodebook codebook;

    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
    }

    private PairedDataset phantomPairs(boolean poisoned) throws Exception {
        return PhantomPairs.write(folder.resolve(poisoned ? "poisoned" : "pairs"), poisoned);
    }

    private static DenoiserTrainingConfig config(Models.Denoiser model, long steps) {
        return new DenoiserTrainingConfig(
                model, 0.1f, LangDaLoss.Terms.BOTH, 32, 2, steps, 1e-4, 1e-6, 1e-4f, 1000, 2, 1, 7);
    }

    /** A LangAE with seeded random weights: the same in every run of a test. */
    private static LangAe langAe(NDManager m) {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        return Models.newLangAe(TINY, codebook, m);
    }

    private static double mean(List<Double> values, int from, int to) {
        return values.subList(from, to).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
    }

    @Test
    void redCnnWithLangDaLearnsAndWritesAModelTheWorkstationCanLoad() throws Exception {
        PairedDataset data = phantomPairs(false);
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe langAe = langAe(m);
            DenoiserTraining run =
                    new DenoiserTraining(config(Models.Denoiser.REDCNN, 16), data, langAe, folder.resolve("run"), m);
            DenoiserTraining.Result result = run.run(false, TrainingListener.SILENT);
            assertThat(result.losses()).hasSize(16).allMatch(Double::isFinite);
            assertThat(mean(result.losses(), 12, 16))
                    .as("loss of the last steps vs the first")
                    .isLessThan(mean(result.losses(), 0, 4));
            assertThat(result.lastValidation()).isNotNull();
            assertThat(ModelFile.header(result.model()).architecture()).startsWith("redcnn");
            Models.loadDenoiser(result.model(), Models.Denoiser.REDCNN, langAe, m); // the header and weights fit
        }
    }

    @Test
    void aRunStoppedAndKeptEndsAtOnceWithItsBestValidationAsTheModel() throws Exception {
        PairedDataset data = phantomPairs(false);
        Path run = folder.resolve("kept");
        List<String> messages = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe langAe = langAe(m);
            DenoiserTrainingConfig validatingEveryStep = new DenoiserTrainingConfig(
                    Models.Denoiser.REDCNN, 0f, LangDaLoss.Terms.BOTH, 32, 2, 20, 1e-4, 1e-6, 1e-4f, 1, 2, 1, 7);
            DenoiserTraining.Result result = new DenoiserTraining(validatingEveryStep, data, langAe, run, m)
                    .run(false, new TrainingListener() {
                        private long steps;

                        @Override
                        public void step(long step, long total, double loss, double learningRate) {
                            steps = step;
                        }

                        @Override
                        public void message(String text) {
                            messages.add(text);
                        }

                        @Override
                        public boolean finishRequested() {
                            return steps >= 3;
                        }
                    });

            assertThat(result.losses()).as("steps trained of 20").hasSize(3);
            assertThat(result.model()).isNotNull().exists();
            assertThat(run.resolve(DenoiserTraining.BEST)).exists();
            assertThat(Files.readAllBytes(result.model()))
                    .as("the model is the best validation's weights")
                    .isEqualTo(Files.readAllBytes(run.resolve(DenoiserTraining.BEST)));
            assertThat(messages).anyMatch(t -> t.startsWith("finished early"));
            Models.loadDenoiser(result.model(), Models.Denoiser.REDCNN, langAe, m);
        }
    }

    @Test
    void aResumedSeedRunWithLangDaTakesTheSameStepsAsAnUninterruptedOne() throws Exception {
        PairedDataset data = phantomPairs(false);
        List<Double> uninterrupted;
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe langAe = langAe(m);
            uninterrupted = new DenoiserTraining(
                            config(Models.Denoiser.SEED_COMPACT, 5), data, langAe, folder.resolve("whole"), m)
                    .run(false, TrainingListener.SILENT)
                    .losses();
        }
        Path run = folder.resolve("interrupted");
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe langAe = langAe(m);
            DenoiserTraining.Result first = new DenoiserTraining(
                            config(Models.Denoiser.SEED_COMPACT, 5), data, langAe, run, m)
                    .run(false, stopAfter(3));
            assertThat(first.model()).isNull();
            assertThat(first.losses()).hasSize(3);
        }
        try (NDManager m = NDManager.newBaseManager()) { // a new process, as after a kill
            LangAe langAe = langAe(m);
            DenoiserTraining again =
                    new DenoiserTraining(config(Models.Denoiser.SEED_COMPACT, 5), data, langAe, run, m);
            assertThatThrownBy(() -> again.run(false, TrainingListener.SILENT)).hasMessageContaining("--resume");
            DenoiserTraining.Result resumed = again.run(true, TrainingListener.SILENT);
            assertThat(resumed.resumedFrom()).isEqualTo(3);
            assertThat(resumed.losses()).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(resumed.losses().get(i))
                        .as("loss of step %d", i + 1)
                        .isEqualTo(uninterrupted.get(i)); // bit for bit: weights, moments and patches come back exactly
            }
            assertThat(resumed.model()).exists();
        }
    }

    @Test
    void aNanLossStopsWithTheStepAndKeepsNoModel() throws Exception {
        PairedDataset data = phantomPairs(true);
        try (NDManager m = NDManager.newBaseManager()) {
            DenoiserTrainingConfig config = new DenoiserTrainingConfig(
                    Models.Denoiser.REDCNN, 0f, LangDaLoss.Terms.BOTH, 32, 1, 3, 1e-4, 1e-6, 1e-4f, 1000, 1, 1, 1);
            Path run = folder.resolve("nan");
            assertThatThrownBy(
                            () -> new DenoiserTraining(config, data, null, run, m).run(false, TrainingListener.SILENT))
                    .isInstanceOf(TrainingDiverged.class)
                    .hasMessageContaining("step 1")
                    .hasMessageContaining("NaN");
            assertThat(run.resolve(DenoiserTraining.MODEL)).doesNotExist();
        }
    }

    @Test
    void langAeLearnsWithEveryLossTermAndResumesExactly() throws Exception {
        PairedDataset data = phantomPairs(false);
        TissueCandidatePools pools = pools();
        LangAeTraining.Config config =
                new LangAeTraining.Config(TINY, 64, 2, 12, 2e-3, 1e-4, 0.33f, 0.1f, 0.1f, 1f, 8, 3, 5);
        List<LangAeTraining.StepLosses> whole =
                trainLangAe(config, data, pools, "ae").losses();
        assertThat(whole).hasSize(12).allMatch(l -> Double.isFinite(l.total()));
        assertThat(whole.get(11).reconstruction())
                .as("reconstruction loss falls")
                .isLessThan(whole.get(0).reconstruction());
        assertThat(whole.get(0).semantic()).as("semantic term active").isGreaterThan(0);
        assertThat(whole.get(10).discriminator())
                .as("discriminator trains after its warm-up")
                .isGreaterThan(0);
        assertThat(whole.get(5).discriminator())
                .as("no discriminator before its warm-up")
                .isZero();

        Path run = folder.resolve("ae-interrupted");
        try (NDManager m = NDManager.newBaseManager()) {
            new LangAeTraining(config, data, codebook, pools, run, m).run(false, stopAfter(9));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            LangAeTraining.Result resumed =
                    new LangAeTraining(config, data, codebook, pools, run, m).run(true, TrainingListener.SILENT);
            assertThat(resumed.resumedFrom()).isEqualTo(9);
            for (int i = 9; i < 12; i++) {
                assertThat(resumed.losses().get(i).total())
                        .as("LangAE loss of step %d", i + 1)
                        .isEqualTo(whole.get(i).total());
            }
            assertThat(Files.exists(resumed.model())).isTrue();
        }
    }

    @Test
    void aLangAeStartedFromAFinishedOneBeginsWhereItEndedAndKeepsLearning() throws Exception {
        PairedDataset data = phantomPairs(false);
        TissueCandidatePools pools = pools();
        LangAeTraining.Config first =
                new LangAeTraining.Config(TINY, 64, 2, 12, 2e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 12, 12, 5);
        Path finished = trainLangAe(first, data, pools, "first").model();
        // The longer schedule: other patches (seed 6), a fresh optimizer, from random or from the finished weights.
        LangAeTraining.Config longer =
                new LangAeTraining.Config(TINY, 64, 2, 3, 1e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 3, 3, 6);
        List<LangAeTraining.StepLosses> fresh =
                trainLangAe(longer, data, pools, "fresh").losses();
        try (NDManager m = NDManager.newBaseManager()) {
            LangAeTraining warm = new LangAeTraining(longer, data, codebook, pools, folder.resolve("warm"), m);
            warm.startFrom(finished);
            LangAeTraining.Result result = warm.run(false, TrainingListener.SILENT);
            assertThat(result.losses().get(0).reconstruction())
                    .as(
                            "the first step of a warm start reconstructs as the finished LangAE does, not as random weights")
                    .isLessThan(fresh.get(0).reconstruction() * 0.8);
            assertThat(result.losses()).allMatch(l -> Double.isFinite(l.total()));
            assertThat(ModelFile.sha256(Files.readAllBytes(result.model())))
                    .as("the warm start trained its weights (they collect gradients after the load)")
                    .isNotEqualTo(ModelFile.sha256(Files.readAllBytes(finished)));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            // One more detail level reads the same weights otherwise: accepted. A factorised look-up has
            // look-up layers the finished LangAE lacks: refused, naming the file.
            LangAeTraining.Config detail = new LangAeTraining.Config(
                    TINY.withDetailLevels(1), 64, 2, 3, 1e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 3, 3, 6);
            new LangAeTraining(detail, data, codebook, pools, folder.resolve("detail"), m).startFrom(finished);
            LangAeTraining.Config factorised = new LangAeTraining.Config(
                    TINY.withFactorizedLookup(), 64, 2, 3, 1e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 3, 3, 6);
            assertThatThrownBy(() -> new LangAeTraining(factorised, data, codebook, pools, folder.resolve("f"), m)
                            .startFrom(finished))
                    .hasMessageContaining(finished.toString())
                    .hasMessageContaining("other look-up weights");
        }
    }

    /**
     * A factorised LangAE warm-started into one that reads its words at the latent's strength: the same
     * weights (no new ones), the look-up map calibrated so the decoder starts from the input it knew.
     */
    @Test
    void aLangAeStartedWithWordStrengthBeginsNearTheFinishedOneAndKeepsLearning() throws Exception {
        PairedDataset data = phantomPairs(false);
        TissueCandidatePools pools = pools();
        LangAeConfig factorised = TINY.withFactorizedLookup(32);
        Path finished = trainLangAe(
                        new LangAeTraining.Config(factorised, 64, 2, 12, 2e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 12, 12, 5),
                        data,
                        pools,
                        "factorised")
                .model();
        double[] firstStep = new double[2];
        for (boolean strength : new boolean[] {false, true}) {
            LangAeTraining.Config longer = new LangAeTraining.Config(
                    factorised.withWordStrength(strength), 64, 2, 3, 1e-3, 1e-4, 0.33f, 0f, 0.1f, 1f, 3, 3, 6);
            try (NDManager m = NDManager.newBaseManager()) {
                LangAeTraining warm =
                        new LangAeTraining(longer, data, codebook, pools, folder.resolve("strength" + strength), m);
                warm.startFrom(finished);
                LangAeTraining.Result result = warm.run(false, TrainingListener.SILENT);
                assertThat(result.losses()).allMatch(l -> Double.isFinite(l.total()));
                firstStep[strength ? 1 : 0] = result.losses().get(0).reconstruction();
                assertThat(ModelFile.header(result.model()).architecture())
                        .contains(strength ? "words at the latent's strength" : "32 dimensions");
            }
        }
        assertThat(firstStep[1])
                .as("with the look-up calibrated, the strength changes the first reconstruction only a little")
                .isCloseTo(firstStep[0], org.assertj.core.data.Percentage.withPercentage(25));
    }

    @Test
    void theSoftTissueTermWeighsErrorsInTheAbdominalWindowInItsUnitsAndIgnoresAir() {
        try (NDManager m = NDManager.newBaseManager()) {
            Normalization units = Normalization.DEFAULT;
            float[] hu = new float[64];
            float[] tenHuHigher = new float[64];
            float[] airChanged = new float[64];
            for (int i = 0; i < 64; i++) {
                hu[i] = i < 32 ? -1000f : 40f; // half air, half soft tissue
                tenHuHigher[i] = hu[i] + 10f;
                airChanged[i] = i < 32 ? -500f : 40f;
            }
            Shape shape = new Shape(1, 1, 8, 8);
            NDArray x = NativeArrays.of(m, units.toNetwork(hu), shape);
            float shifted = LangAeTraining.softTissueLoss(NativeArrays.of(m, units.toNetwork(tenHuHigher), shape), x)
                    .getFloat();
            assertThat(shifted)
                    .as("10 HU over half the pixels, in a 400 HU window")
                    .isCloseTo(0.5f * 10f / 400f, within(1e-4f));
            assertThat(LangAeTraining.softTissueLoss(NativeArrays.of(m, units.toNetwork(airChanged), shape), x)
                            .getFloat())
                    .as("an error in air (outside the window) is not soft tissue's")
                    .isZero();
        }
    }

    private static TissueCandidatePools pools() {
        return new TissueCandidatePools(CtLexicon.standard(), codebook, TissueCandidatePools.DEFAULT_THRESHOLDS);
    }

    /** A whole LangAE run in the test's folder {@code name}. */
    private LangAeTraining.Result trainLangAe(
            LangAeTraining.Config config, PairedDataset data, TissueCandidatePools pools, String name)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            return new LangAeTraining(config, data, codebook, pools, folder.resolve(name), m)
                    .run(false, TrainingListener.SILENT);
        }
    }

    /** A listener that asks the run to stop after {@code steps} steps (the wizard's cancel, or a kill after a checkpoint). */
    private static TrainingListener stopAfter(long steps) {
        return new TrainingListener() {
            private long done;

            @Override
            public void step(long step, long total, double loss, double learningRate) {
                done = step;
            }

            @Override
            public void message(String text) {}

            @Override
            public boolean stopRequested() {
                return done >= steps;
            }
        };
    }
}
