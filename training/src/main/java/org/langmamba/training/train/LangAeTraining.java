package org.langmamba.training.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.codebook.CandidatePoolProvider;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.PyramidQuantizer;
import org.langmamba.inference.langae.TokenSettings;
import org.langmamba.inference.model.ModelFile;
import org.langmamba.inference.model.Models;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.inference.nn.Scalars;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PatchSampler;
import org.langmamba.training.data.Split;

/**
 * Stage 1 (paper III-B, Eqs. 5, 8, 9): LangAE pre-training on NDCT patches with
 * <pre>
 *   L = |x - G(z_q)| + beta ||sg(z_q) - E(x)||^2 + eta L_perceptual + alpha L_semantic
 *       + lambda_adaptive * lambda * L_GAN            (the GAN term only after discStart steps)
 * </pre>
 * The pixel term is the authors' L1 by default ({@link PixelLoss}; the paper writes the square).
 * L_perceptual is {@link RandomFeaturePerceptual} (no pretrained VGG here, ADR 0007); L_semantic is
 * {@link SemanticLoss} against the tissue candidate pools; L_GAN is the hinge loss of a
 * {@link PatchDiscriminator}, weighted adaptively as in VQGAN by ||grad L_rec|| / ||grad L_GAN||,
 * here taken with respect to the reconstructed image rather than the decoder's last weights (the
 * same balance, measured one layer later; DJL cannot keep a graph across two backward passes).
 * Checkpoints and resume as in {@link DenoiserTraining}; at the end {@code langae.lmmd}.
 */
public final class LangAeTraining {
    public static final String CHECKPOINT = "checkpoint.lmck";
    public static final String MODEL = "langae.lmmd";
    /**
     * Softness of the word-usage assignment: cosines 0.05 apart weigh e times more. At 0.1 a word's own
     * embedding was too unsure among its 16 384 rivals: a one-word level and a 64-word level differed by
     * only 0.13 of ln K (WordUsageEntropyTest).
     */
    static final float WORD_USAGE_TEMPERATURE = 0.05f;

    /** The pixel term of the reconstruction: the paper's squared error, or the authors' code's absolute error. */
    public enum PixelLoss {
        L2,
        L1
    }

    /** Weights and schedule of a stage-1 run; SPEC's defaults beta 0.33, lambda 0.1, eta 0.1, alpha 1. */
    public record Config(
            LangAeConfig size,
            int patchSize,
            int batchSize,
            long steps,
            double lrStart,
            double lrEnd,
            float beta,
            float ganWeight,
            float perceptualWeight,
            float semanticWeight,
            long discStart,
            int checkpointEvery,
            long seed,
            PixelLoss pixelLoss,
            float wordUsageWeight,
            long semanticFrom,
            boolean withoutWords,
            float softTissueWeight) {
        /** The authors' pixel term (L1), no word-usage term, the semantic term from the first step. */
        public Config(
                LangAeConfig size,
                int patchSize,
                int batchSize,
                long steps,
                double lrStart,
                double lrEnd,
                float beta,
                float ganWeight,
                float perceptualWeight,
                float semanticWeight,
                long discStart,
                int checkpointEvery,
                long seed) {
            this(
                    size,
                    patchSize,
                    batchSize,
                    steps,
                    lrStart,
                    lrEnd,
                    beta,
                    ganWeight,
                    perceptualWeight,
                    semanticWeight,
                    discStart,
                    checkpointEvery,
                    seed,
                    PixelLoss.L1,
                    0f,
                    0,
                    false,
                    0f);
        }

        public Config {
            if (patchSize < 64 || patchSize % 64 != 0) {
                throw new IllegalArgumentException(
                        "LangAE patches must be multiples of 64 (the pyramid's unit), got " + patchSize);
            }
            if (wordUsageWeight < 0 || semanticFrom < 0 || softTissueWeight < 0) {
                throw new IllegalArgumentException(
                        "word-usage weight, semantic start and soft-tissue weight must not be negative");
            }
            if (batchSize < 1 || steps < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("batch, steps and checkpoint interval must be positive");
            }
            new CosineSchedule(lrStart, lrEnd, steps); // its rule, checked before a run folder is made
        }

        public String describe() {
            // Settings added after the first runs are named only when used, so that runs made before them resume.
            String later = (wordUsageWeight > 0 ? " word-usage " + wordUsageWeight : "")
                    + (semanticFrom > 0 ? " semantic from " + semanticFrom : "")
                    + (withoutWords ? " without words (probe)" : "")
                    + (softTissueWeight > 0 ? " soft-tissue " + softTissueWeight : "");
            return String.format(
                            Locale.ROOT,
                            "langae %s patch %d batch %d steps %d lr %s..%s %s beta %s gan %s from %d perceptual %s semantic %s seed %d",
                            size,
                            patchSize,
                            batchSize,
                            steps,
                            lrStart,
                            lrEnd,
                            pixelLoss,
                            beta,
                            ganWeight,
                            discStart,
                            perceptualWeight,
                            semanticWeight,
                            seed)
                    + later;
        }

        /** Whether the semantic term counts at {@code step} (words after the image: ADR 0010). */
        boolean semanticAt(long step) {
            return semanticWeight > 0 && step >= semanticFrom;
        }
    }

    /** Loss terms of one step, for the console and the model card. */
    public record StepLosses(
            double total,
            double reconstruction,
            double commitment,
            double perceptual,
            double semantic,
            double gan,
            double discriminator,
            double wordUsage) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%.6f rec %.6f commit %.6f perc %.6f sem %.4f gan %.4f disc %.4f words %.4f",
                    total,
                    reconstruction,
                    commitment,
                    perceptual,
                    semantic,
                    gan,
                    discriminator,
                    wordUsage);
        }
    }

    public record Result(List<StepLosses> losses, Path model, String modelSha256, double seconds, long resumedFrom) {}

    private final Config config;
    private final PairedDataset data;
    private final CandidatePoolProvider pools;
    private final Path runFolder;
    private final NDManager manager;
    private final LangAe langAe;
    private final SequentialBlock discriminator;
    private final AdamW optimizer;
    private final AdamW discriminatorOptimizer;
    private final RandomFeaturePerceptual perceptual;
    private final SemanticLoss semantic;
    private final WordUsageEntropy wordUsage;
    private final ParameterStore store;

    public LangAeTraining(
            Config config,
            PairedDataset data,
            LanguageCodebook codebook,
            CandidatePoolProvider pools,
            Path runFolder,
            NDManager manager) {
        if (data.pairs(Split.TRAIN).isEmpty()) {
            throw new IllegalArgumentException(data.folder() + " has no training slices");
        }
        this.config = config;
        this.data = data;
        this.pools = pools;
        this.runFolder = runFolder;
        this.manager = manager;
        perceptual = new RandomFeaturePerceptual(manager, 8);
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        langAe = Models.newLangAe(config.size(), codebook, manager);
        discriminator = PatchDiscriminator.build(config.size().baseChannels());
        discriminator.initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.patchSize(), config.patchSize()));
        AdamW.Settings settings =
                new AdamW.Settings(0.5f, 0.9f, 1e-8f, 1e-4f); // VQGAN's betas for the adversarial game
        optimizer = new AdamW(AdamW.trainable(langAe), settings, manager);
        discriminatorOptimizer = new AdamW(AdamW.trainable(discriminator), settings, manager);
        NDArray table = NativeArrays.of(manager, codebook.table(), new Shape(codebook.size(), codebook.dimension()));
        // The words as the decoder's look-up sees them: the table, or the words' fixed codes (factorised);
        // a learnt map changes them every step (made per step in trainStep).
        NDArray words = langAe.hasWordMap() ? table : langAe.wordsAsRead(manager);
        semantic = new SemanticLoss(words);
        wordUsage = new WordUsageEntropy(words, WORD_USAGE_TEMPERATURE);
        store = new ParameterStore(manager, false);
    }

    /**
     * Starts this run from a finished LangAE's weights instead of random ones (a warm restart: the
     * schedule, the optimizer's moments and the discriminator start afresh). The file must hold this
     * run's network and codebook; its tokens may be read otherwise where that adds no weights (a detail
     * level added to a trained pyramid). A checkpoint resumed later overrides these weights.
     */
    public void startFrom(Path model) throws IOException {
        // The file may read its tokens otherwise (another average, match or detail level: no weights of
        // their own); its weights fit only where the word space, and so the look-up layers, are the same.
        LangAeConfig written = Models.langAeAsWritten(model, config.size(), langAe.codebook());
        TokenSettings mine = config.size().tokens();
        TokenSettings its = written.tokens();
        if (its.words() != mine.words() || its.lookupDimension() != mine.lookupDimension()) {
            throw new IOException(
                    model + " holds a LangAE with other look-up weights (" + written + "), not " + config.size());
        }
        ModelFile.load(langAe, Models.langAeHeader(written, langAe.codebook()), model, null, manager);
        if (mine.wordStrength() && !its.wordStrength()) {
            calibrateWordStrength();
        }
        TrainingCheckpoint.collectGradientsAgain(langAe);
    }

    /** Number of training patches whose look-up latents set a warm-started LangAE's word strength to 1. */
    static final int CALIBRATION_PATCHES = 8;

    /**
     * A LangAE that read its words at unit length now reads them at the look-up latent's length: scale
     * the look-up map so that length is 1 at the median of some training patches (the first steps'), so
     * the decoder starts from the input it was trained on.
     */
    private void calibrateWordStrength() {
        int size = config.patchSize();
        List<PatchSampler.Patch> patches = new PatchSampler(
                        data.pairs(Split.TRAIN), size, Normalization.DEFAULT, config.seed(), 16)
                .batch(0, CALIBRATION_PATCHES);
        try (NDManager scope = manager.newSubManager()) {
            langAe.calibrateWordStrength(new ParameterStore(scope, false), normalDoseBatch(scope, patches, size));
        }
    }

    /** The patches' normal-dose halves as one native batch [N, 1, size, size] on {@code scope}. */
    private static NDArray normalDoseBatch(NDManager scope, List<PatchSampler.Patch> patches, int size) {
        float[] values = new float[patches.size() * size * size];
        for (int i = 0; i < patches.size(); i++) {
            System.arraycopy(patches.get(i).normalDose(), 0, values, i * size * size, size * size);
        }
        return NativeArrays.of(scope, values, new Shape(patches.size(), 1, size, size));
    }

    public Result run(boolean resume, TrainingListener listener) throws IOException {
        Path checkpointFile = runFolder.resolve(CHECKPOINT);
        Files.createDirectories(runFolder);
        List<StepLosses> losses = new ArrayList<>();
        long start = 0;
        var resumed = TrainingCheckpoint.toResume(runFolder, CHECKPOINT, resume, config.describe());
        if (resumed.isPresent()) {
            TrainingCheckpoint checkpoint = resumed.get();
            checkpoint.loadWeights("weights", langAe, manager);
            checkpoint.loadWeights("discriminator", discriminator, manager);
            optimizer.restore(checkpoint.section("optimizer"), manager);
            discriminatorOptimizer.restore(checkpoint.section("discriminator_optimizer"), manager);
            for (String line : checkpoint.lines("losses")) {
                losses.add(parse(line));
            }
            start = checkpoint.step();
            listener.message(
                    String.format(Locale.ROOT, "resumed %s at step %d of %d", checkpointFile, start, config.steps()));
        }
        long resumedFrom = start;
        // LangAE learns NDCT only: the patches' normal-dose halves.
        PatchSampler sampler =
                new PatchSampler(data.pairs(Split.TRAIN), config.patchSize(), Normalization.DEFAULT, config.seed(), 16);
        CosineSchedule schedule = new CosineSchedule(config.lrStart(), config.lrEnd(), config.steps());
        long begun = System.nanoTime();
        for (long step = start; step < config.steps(); step++) {
            float lr = schedule.at(step);
            StepLosses l = trainStep(sampler.batch(step, config.batchSize()), lr, step, listener);
            losses.add(l);
            listener.step(step + 1, config.steps(), l.total(), lr);
            boolean stop = listener.stopRequested();
            if ((step + 1) % config.checkpointEvery() == 0 || step + 1 == config.steps() || stop) {
                new TrainingCheckpoint(
                                config.describe(),
                                step + 1,
                                Map.of(
                                        "weights", TrainingCheckpoint.weightsOf(langAe),
                                        "discriminator", TrainingCheckpoint.weightsOf(discriminator),
                                        "optimizer", optimizer.state(),
                                        "discriminator_optimizer", discriminatorOptimizer.state(),
                                        "losses",
                                                TrainingCheckpoint.lines(losses.stream()
                                                        .map(LangAeTraining::format)
                                                        .toList())))
                        .write(checkpointFile);
            }
            if (stop) {
                return new Result(losses, null, null, (System.nanoTime() - begun) / 1e9, resumedFrom);
            }
        }
        Path model = runFolder.resolve(MODEL);
        String sha = ModelFile.save(langAe, Models.langAeHeader(config.size(), langAe.codebook()), model);
        return new Result(losses, model, sha, (System.nanoTime() - begun) / 1e9, resumedFrom);
    }

    private StepLosses trainStep(List<PatchSampler.Patch> patches, float lr, long step, TrainingListener listener) {
        int size = config.patchSize();
        List<List<List<int[]>>> candidatePools = new ArrayList<>();
        int latent = size / LangAeConfig.stride();
        // Candidate pools for the paper's levels only: a detail level's words carry detail, not meaning.
        int[] grids = new int[LangAeConfig.semanticLevels()];
        for (int l = 0; l < grids.length; l++) {
            grids[l] = latent / Math.min(PyramidQuantizer.STRIDES[l], latent);
        }
        for (int i = 0; i < patches.size(); i++) {
            candidatePools.add(pools.pools(
                    Normalization.DEFAULT.toHu(patches.get(i).normalDose()),
                    size,
                    size,
                    grids,
                    patches.get(i).region()));
        }
        boolean adversarial = step >= config.discStart() && config.ganWeight() > 0;
        double rec;
        double commit;
        double perc;
        double sem;
        double gan = 0;
        double words = 0;
        double total;
        double disc = 0;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = normalDoseBatch(scope, patches, size);
            NDArray reconstructionDetached;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                LangAe.Pass pass = config.withoutWords() ? passWithoutWords(x) : langAe.pass(store, x, true);
                NDArray reconstruction = pass.reconstruction();
                NDArray z = pass.latent();
                NDArray reconstructionLoss = pixelLoss(reconstruction, x);
                // Without words the decoder read the latent itself: z_q = z, no commitment pull.
                NDArray commitment = LangAe.commitment(
                        z, config.withoutWords() ? z : pass.tokens().straightThrough());
                NDArray perceptualLoss = perceptual.distance(reconstruction, x);
                PyramidQuantizer.Result quantized = pass.tokens();
                List<NDArray> targets = quantized.targets().subList(0, LangAeConfig.semanticLevels());
                // A learnt map moves the words every step: this step's words, made once for both terms.
                NDArray stepWords = langAe.hasWordMap() ? langAe.wordsAsRead(scope) : null;
                NDArray semanticLoss =
                        (stepWords == null ? semantic : new SemanticLoss(stepWords)).loss(targets, candidatePools);
                NDArray loss = reconstructionLoss
                        .add(Scalars.mul(commitment, config.beta()))
                        .add(Scalars.mul(perceptualLoss, config.perceptualWeight()));
                if (config.softTissueWeight() > 0) {
                    loss = loss.add(Scalars.mul(softTissueLoss(reconstruction, x), config.softTissueWeight()));
                }
                if (langAe.hasWordMap() && !config.withoutWords()) {
                    // SimVQ's codebook term: the map moves the words towards the latents that chose them.
                    loss = loss.add(LangAe.wordMapTerm(z, quantized.quantizedIntoTable()));
                }
                if (config.semanticAt(step)) {
                    loss = loss.add(Scalars.mul(semanticLoss, config.semanticWeight()));
                }
                if (config.wordUsageWeight() > 0) {
                    // The paper's finest level: its 1 024 positions per slice are where a collapse shows.
                    NDArray usage = (stepWords == null
                                    ? wordUsage
                                    : new WordUsageEntropy(stepWords, WORD_USAGE_TEMPERATURE))
                            .loss(targets.get(targets.size() - 1));
                    words = usage.getFloat();
                    loss = loss.add(Scalars.mul(usage, config.wordUsageWeight()));
                }
                if (adversarial) {
                    float weight = adaptiveWeight(collector, reconstruction, x, listener) * config.ganWeight();
                    NDArray ganLoss = discriminator
                            .forward(store, new NDList(reconstruction), true)
                            .singletonOrThrow()
                            .mean()
                            .neg();
                    gan = ganLoss.getFloat();
                    loss = loss.add(Scalars.mul(ganLoss, weight));
                }
                rec = reconstructionLoss.getFloat();
                commit = commitment.getFloat();
                perc = perceptualLoss.getFloat();
                sem = semanticLoss.getFloat();
                total = loss.getFloat();
                if (!Double.isFinite(total)) {
                    throw new TrainingDiverged(String.format(
                            Locale.ROOT,
                            "LangAE loss is %s at step %d (rec %s, semantic %s): training stopped; the last checkpoint in %s is intact",
                            total,
                            step + 1,
                            rec,
                            sem,
                            runFolder));
                }
                listener.beforeBackward();
                collector.backward(loss);
                reconstructionDetached = reconstruction.stopGradient();
            }
            if (!Double.isFinite(optimizer.clipGradientNorm(DenoiserTraining.MAX_GRADIENT_NORM))) {
                throw new TrainingDiverged(String.format(
                        Locale.ROOT,
                        "LangAE gradient is not finite at step %d (in %s): training "
                                + "stopped; the last checkpoint in %s is intact",
                        step + 1,
                        optimizer.nonFiniteGradients(3),
                        runFolder));
            }
            optimizer.step(lr);
            discriminatorOptimizer.zeroGradients(); // the generator's pass reached the discriminator too
            if (adversarial) {
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray real =
                            discriminator.forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray fake = discriminator
                            .forward(store, new NDList(reconstructionDetached), true)
                            .singletonOrThrow();
                    NDArray hinge = Scalars.mul(
                            Scalars.maximum(real.neg().add(1), 0f)
                                    .mean()
                                    .add(Scalars.maximum(fake.add(1), 0f).mean()),
                            0.5f);
                    disc = hinge.getFloat();
                    listener.beforeBackward();
                    collector.backward(hinge);
                }
                discriminatorOptimizer.step(lr);
            }
        }
        return new StepLosses(total, rec, commit, perc, sem, gan, disc, words);
    }

    /**
     * VQGAN's adaptive weight ||grad L_rec|| / (||grad L_GAN|| + 1e-4), clipped to [0, 1e4], with the
     * gradients taken at the reconstructed image through detached copies (graphs of their own).
     */
    private float adaptiveWeight(
            GradientCollector collector, NDArray reconstruction, NDArray x, TrainingListener listener) {
        NDArray forRec = reconstruction.stopGradient().duplicate();
        forRec.setRequiresGradient(true);
        NDArray recLoss = pixelLoss(forRec, x);
        listener.beforeBackward();
        collector.backward(recLoss);
        double recNorm = forRec.getGradient().norm().getFloat();
        NDArray forGan = reconstruction.stopGradient().duplicate();
        forGan.setRequiresGradient(true);
        NDArray ganLoss = discriminator
                .forward(store, new NDList(forGan), true)
                .singletonOrThrow()
                .mean()
                .neg();
        listener.beforeBackward();
        collector.backward(ganLoss);
        double ganNorm = forGan.getGradient().norm().getFloat();
        return (float) Math.min(1e4, recNorm / (ganNorm + 1e-4));
    }

    /**
     * The probe without words (ADR 0010): the decoder draws from the latent itself; its tokens are still
     * read, for the semantic term's pull on the latent.
     */
    private LangAe.Pass passWithoutWords(NDArray x) {
        NDList out = langAe.forwardWithoutWords(store, x, true);
        return new LangAe.Pass(out.get(0), out.get(1), langAe.quantize(out.get(1)));
    }

    /** The reconstruction's pixel term, mean |error| or mean error² ({@link PixelLoss}). */
    private NDArray pixelLoss(NDArray reconstruction, NDArray x) {
        NDArray error = reconstruction.sub(x);
        return (config.pixelLoss() == PixelLoss.L1 ? error.abs() : error.square()).mean();
    }

    /**
     * The pixel error where the NDCT lies in the soft-tissue window [-160, 240] HU, in units of that
     * window: over the network's -1024..3072 HU range a 10 HU error in brain or liver is 0.25 % of the
     * scale, so the plain pixel term spends the decoder on air and bone edges; this term weighs soft
     * tissue as a reader (and the scores) see it. Averaged over all pixels, so an all-air patch adds nothing.
     */
    static NDArray softTissueLoss(NDArray reconstruction, NDArray x) {
        float lower = Normalization.DEFAULT.toNetwork((float) Window.ABDOMEN.lower());
        float upper = Normalization.DEFAULT.toNetwork((float) Window.ABDOMEN.upper());
        NDArray inWindow = x.gte(lower).logicalAnd(x.lte(upper)).toType(DataType.FLOAT32, false);
        return Scalars.mul(reconstruction.sub(x).abs().mul(inWindow).mean(), 1f / (upper - lower));
    }

    private static String format(StepLosses l) {
        return String.join(
                " ",
                Double.toString(l.total()),
                Double.toString(l.reconstruction()),
                Double.toString(l.commitment()),
                Double.toString(l.perceptual()),
                Double.toString(l.semantic()),
                Double.toString(l.gan()),
                Double.toString(l.discriminator()),
                Double.toString(l.wordUsage()));
    }

    private static StepLosses parse(String line) {
        String[] f = line.trim().split(" ");
        return new StepLosses(
                Double.parseDouble(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]),
                f.length > 7 ? Double.parseDouble(f[7]) : 0); // runs before the word-usage term wrote 7
    }

    public LangAe langAe() {
        return langAe;
    }
}
