package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.codebook.TissueCandidatePools;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.engine.GcStress;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.Models;
import org.langmamba.training.data.PairedDataset;

/**
 * Every trainable network and every loss, through the real training code, once as it is and once
 * with a garbage collection and a scribble over freed memory just before each backward pass
 * ({@link GcStress}): losses and resulting weights must be identical bit for bit. A backward pass
 * that reads a Java-backed array whose owner let go of it (ADR 0008) gives huge values or NaN here
 * at once, instead of a NaN at a random step of a site's fine-tuning run. Never skipped.
 */
class GcStressTest {
    private static final LangAeConfig TINY = new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4);
    private static LanguageCodebook codebook;
    private static PairedDataset data;

    @TempDir
    static Path folder;

    @BeforeAll
    static void engine() throws Exception {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
        data = PhantomPairs.write(folder.resolve("pairs"), false);
    }

    /** What a run leaves: the loss of every step (every term for LangAE) and every weight of the trained network. */
    private record Outcome(List<Double> losses, float[] weights) {}

    /** Counts the stress hook's calls, so a test knows the stress really ran before each backward pass. */
    private static final class Stress implements TrainingListener {
        private final boolean stress;
        private final long stopAfter;
        private long steps;
        private int backwards;

        Stress(boolean stress) {
            this(stress, Long.MAX_VALUE);
        }

        Stress(boolean stress, long stopAfter) {
            this.stress = stress;
            this.stopAfter = stopAfter;
        }

        @Override
        public boolean stopRequested() {
            return steps >= stopAfter;
        }

        @Override
        public void beforeBackward() {
            backwards++;
            if (stress) {
                GcStress.collectAndScribble();
            }
        }

        @Override
        public void step(long step, long total, double loss, double learningRate) {
            steps = step;
        }

        @Override
        public void message(String text) {}
    }

    private static float[] weightsOf(Block block) {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (var pair : block.getParameters()) {
            float[] values = pair.getValue().getArray().toFloatArray();
            parts.add(values);
            total += values.length;
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Seeded random LangAE weights, the same in every run. */
    private static LangAe langAe(NDManager m) {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        return Models.newLangAe(TINY, codebook, m);
    }

    private static DenoiserTrainingConfig denoiser(
            Models.Denoiser model, float lambda, LangDaLoss.Terms terms, long steps) {
        return new DenoiserTrainingConfig(model, lambda, terms, 32, 2, steps, 1e-3, 1e-5, 1e-4f, 1000, 1000, 1, 3);
    }

    private Outcome trainDenoiser(
            DenoiserTrainingConfig config, boolean withLangAe, Path run, Path startFrom, Stress stress)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            DenoiserTraining training = new DenoiserTraining(config, data, withLangAe ? langAe(m) : null, run, m);
            if (startFrom != null) {
                training.startFrom(startFrom);
            }
            DenoiserTraining.Result result =
                    training.run(Files.exists(run.resolve(DenoiserTraining.CHECKPOINT)), stress);
            return new Outcome(result.losses(), weightsOf(training.model()));
        }
    }

    /** The same denoiser run twice, plainly and under stress, in fresh folders. */
    private void denoiserIsUnmovedByGarbageCollection(String what, DenoiserTrainingConfig config, boolean withLangAe)
            throws Exception {
        Stress plain = new Stress(false);
        Stress stressed = new Stress(true);
        Outcome a = trainDenoiser(config, withLangAe, Files.createTempDirectory(folder, "plain"), null, plain);
        Outcome b = trainDenoiser(config, withLangAe, Files.createTempDirectory(folder, "stressed"), null, stressed);
        assertThat(stressed.backwards).as("backward passes stressed").isEqualTo((int) config.steps());
        assertIdentical(what, a, b);
    }

    /**
     * Bit-identical losses and weights; otherwise the largest difference, which tells the cause: huge
     * or NaN means freed memory was read, a few ulps means the kernels' numerics differ run to run.
     */
    private static void assertIdentical(String what, Outcome plain, Outcome stressed) {
        assertThat(plain.losses()).as("%s: losses", what).allMatch(Double::isFinite);
        double lossDifference = 0;
        for (int i = 0; i < plain.losses().size(); i++) {
            lossDifference = Math.max(
                    lossDifference,
                    Math.abs(plain.losses().get(i) - stressed.losses().get(i)));
        }
        double weightDifference = 0;
        long ulps = 0;
        int nonFinite = 0;
        for (int i = 0; i < plain.weights().length; i++) {
            float p = plain.weights()[i];
            float s = stressed.weights()[i];
            nonFinite += Float.isFinite(s) ? 0 : 1;
            weightDifference = Math.max(weightDifference, Math.abs(p - s));
            ulps = Math.max(ulps, Math.abs((long) Float.floatToIntBits(p) - Float.floatToIntBits(s)));
        }
        String cause = nonFinite > 0 || ulps > 64
                ? "far beyond rounding: freed memory was read"
                : "a few ulps: the kernels' numerics differ from run to run";
        String diagnosis = String.format(
                Locale.ROOT,
                "%s differs after a garbage collection before backward: largest loss "
                        + "difference %.3g, largest weight difference %.3g (%d ulps), %d non-finite weights: %s",
                what,
                lossDifference,
                weightDifference,
                ulps,
                nonFinite,
                cause);
        // Arrays.equals, not AssertJ's element diff: that takes minutes on RED-CNN's 1.8 million weights.
        assertThat(stressed.losses().equals(plain.losses()) && Arrays.equals(stressed.weights(), plain.weights()))
                .as(diagnosis)
                .isTrue();
    }

    @Test
    void langAeWithEveryLossTermIsUnmovedByGarbageCollection() throws Exception {
        TissueCandidatePools pools =
                new TissueCandidatePools(CtLexicon.standard(), codebook, TissueCandidatePools.DEFAULT_THRESHOLDS);
        // Reconstruction, commitment, perceptual, semantic, and the GAN terms from the first step.
        LangAeTraining.Config config =
                new LangAeTraining.Config(TINY, 64, 2, 3, 2e-3, 1e-4, 0.33f, 0.1f, 0.1f, 1f, 0, 1000, 5);
        List<Outcome> outcomes = new ArrayList<>();
        List<Stress> listeners = List.of(new Stress(false), new Stress(true));
        for (Stress stress : listeners) {
            try (NDManager m = NDManager.newBaseManager()) {
                LangAeTraining training =
                        new LangAeTraining(config, data, codebook, pools, Files.createTempDirectory(folder, "ae"), m);
                List<Double> losses = new ArrayList<>();
                for (LangAeTraining.StepLosses l : training.run(false, stress).losses()) {
                    losses.addAll(List.of(
                            l.total(),
                            l.reconstruction(),
                            l.commitment(),
                            l.perceptual(),
                            l.semantic(),
                            l.gan(),
                            l.discriminator()));
                }
                assertThat(losses).as("every term is active").doesNotContain(0.0);
                outcomes.add(new Outcome(losses, weightsOf(training.langAe())));
            }
        }
        // Per step: the generator's pass, the two passes of the adaptive GAN weight, the discriminator's.
        assertThat(listeners.get(1).backwards).as("backward passes stressed").isEqualTo(3 * 4);
        assertIdentical("LangAE (all losses, GAN)", outcomes.get(0), outcomes.get(1));
    }

    @Test
    void seedWithMseAloneIsUnmovedByGarbageCollection() throws Exception {
        denoiserIsUnmovedByGarbageCollection(
                "SEED, MSE", denoiser(Models.Denoiser.SEED_COMPACT, 0f, LangDaLoss.Terms.BOTH, 3), true);
    }

    @Test
    void seedWithEachLangDaTermIsUnmovedByGarbageCollection() throws Exception {
        for (LangDaLoss.Terms terms : LangDaLoss.Terms.values()) {
            denoiserIsUnmovedByGarbageCollection(
                    "SEED + LangDA " + terms, denoiser(Models.Denoiser.SEED_COMPACT, 0.5f, terms, 2), true);
        }
    }

    @Test
    void redCnnAloneAndWithLangDaIsUnmovedByGarbageCollection() throws Exception {
        denoiserIsUnmovedByGarbageCollection(
                "RED-CNN, MSE", denoiser(Models.Denoiser.REDCNN, 0f, LangDaLoss.Terms.BOTH, 3), false);
        denoiserIsUnmovedByGarbageCollection(
                "RED-CNN + LangDA", denoiser(Models.Denoiser.REDCNN, 0.5f, LangDaLoss.Terms.BOTH, 3), true);
    }

    /** Weights loaded from a model file (fine-tuning) and from a checkpoint (resume) are native copies too. */
    @Test
    void loadedWeightsAreUnmovedByGarbageCollection() throws Exception {
        DenoiserTrainingConfig first = denoiser(Models.Denoiser.SEED_COMPACT, 0.5f, LangDaLoss.Terms.BOTH, 2);
        Path trained = folder.resolve("trained");
        trainDenoiser(first, true, trained, null, new Stress(false));
        Path model = trained.resolve(DenoiserTraining.MODEL);

        DenoiserTrainingConfig fineTune = denoiser(Models.Denoiser.SEED_COMPACT, 0.5f, LangDaLoss.Terms.BOTH, 3);
        Outcome plain = trainDenoiser(fineTune, true, folder.resolve("tune-plain"), model, new Stress(false));
        Outcome stressed = trainDenoiser(fineTune, true, folder.resolve("tune-stressed"), model, new Stress(true));
        assertIdentical("SEED fine-tuned from a model file", plain, stressed);

        // Resume: both runs continue the same checkpoint (a copy each), one of them under stress.
        DenoiserTrainingConfig longer = denoiser(Models.Denoiser.SEED_COMPACT, 0.5f, LangDaLoss.Terms.BOTH, 4);
        Path stopped = folder.resolve("stopped");
        trainDenoiser(longer, true, stopped, null, new Stress(false, 2));
        for (String copy : List.of("resume-plain", "resume-stressed")) {
            Files.createDirectories(folder.resolve(copy));
            Files.copy(
                    stopped.resolve(DenoiserTraining.CHECKPOINT),
                    folder.resolve(copy).resolve(DenoiserTraining.CHECKPOINT));
        }
        Outcome resumedPlain = trainDenoiser(longer, true, folder.resolve("resume-plain"), null, new Stress(false));
        Outcome resumedStressed =
                trainDenoiser(longer, true, folder.resolve("resume-stressed"), null, new Stress(true));
        assertIdentical("SEED resumed from a checkpoint", resumedPlain, resumedStressed);
    }
}
