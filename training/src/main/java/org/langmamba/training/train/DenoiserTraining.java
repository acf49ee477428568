package org.langmamba.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.api.HuDenoiser;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.ModelFile;
import org.langmamba.inference.model.Models;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.PatchSampler;
import org.langmamba.training.data.Split;

/**
 * Stage 2 (paper III-C/D): trains SEED or RED-CNN on LDCT/NDCT patches with MSE + lambda * LangDA
 * (the frozen LangAE's continuous and token distances), AdamW and a cosine schedule. Everything
 * lives in a run folder: {@code checkpoint.lmck} (weights, optimiser moments, loss history; written
 * atomically every {@code checkpointEvery} steps and at the end, so a kill -9 loses at most that
 * many steps), and at the end {@code model.lmmd}. A resumed run continues bit for bit: patches are a
 * function of (seed, step), and weights and moments come back exactly.
 */
public final class DenoiserTraining {
    public static final String CHECKPOINT = "checkpoint.lmck";
    public static final String MODEL = "model.lmmd";
    /** The weights of the best validation PSNR so far, kept beside the checkpoint for a run finished early. */
    public static final String BEST = "best.lmmd";
    /** Global gradient-norm bound: losses here are ~1e-5, so only spikes are clipped. */
    static final double MAX_GRADIENT_NORM = 1.0;

    /** How a run went: the loss per step (1-based steps), validations, the model file and its SHA-256. */
    public record Result(
            List<Double> losses,
            List<String> validations,
            SeriesEvaluation.Summary lastValidation,
            Path model,
            String modelSha256,
            double seconds,
            long resumedFrom) {}

    private final DenoiserTrainingConfig config;
    private final PairedDataset data;
    private final Path runFolder;
    private final NDManager manager;
    private final LangAe langAe;
    private final Block model;
    private final AdamW optimizer;
    private final ParameterStore store;
    private final LangDaLoss loss;

    /**
     * {@code langAe} is the trained LangAE (loaded on {@code manager}'s device by the caller) or null
     * for RED-CNN trained with MSE alone.
     */
    public DenoiserTraining(
            DenoiserTrainingConfig config, PairedDataset data, LangAe langAe, Path runFolder, NDManager manager) {
        if ((config.model().usesLangAe() || config.usesLangDa()) && langAe == null) {
            throw new IllegalArgumentException(
                    config.model().id() + (config.usesLangDa() ? " with LangDA" : "") + " needs a trained LangAE");
        }
        if (data.pairs(Split.TRAIN).isEmpty()) {
            throw new IllegalArgumentException(data.folder() + " has no training pairs");
        }
        // The wizard trains on a worker thread, where autograd starts on: off outside the collectors.
        ComputeEngine.gradientsOffOnThisThread();
        this.config = config;
        this.data = data;
        this.runFolder = runFolder;
        this.manager = manager;
        this.langAe = langAe;
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed()); // the same initial weights for the same seed
        this.model = Models.newDenoiser(config.model(), langAe, manager);
        this.optimizer = new AdamW(
                AdamW.trainable(model), new AdamW.Settings(0.9f, 0.999f, 1e-8f, config.weightDecay()), manager);
        this.store = new ParameterStore(manager, false);
        this.loss = langAe == null
                ? null
                : new LangDaLoss(langAe, store, config.terms(), config.usesLangDa() ? config.lambda() : 0f);
    }

    /**
     * Fine-tuning: the weights of a trained model of the same kind instead of new ones. A run resumed
     * from its checkpoint takes the checkpoint's weights after this.
     */
    public void startFrom(Path trainedModel) throws IOException {
        ComputeEngine.gradientsOffOnThisThread();
        ModelFile.load(model, header(), trainedModel, null, manager);
        TrainingCheckpoint.collectGradientsAgain(model);
    }

    /** Trains from the start, or from the run folder's checkpoint when {@code resume} is set. */
    public Result run(boolean resume, TrainingListener listener) throws IOException {
        ComputeEngine.gradientsOffOnThisThread();
        Path checkpointFile = runFolder.resolve(CHECKPOINT);
        Files.createDirectories(runFolder);
        List<Double> losses = new ArrayList<>();
        List<String> validations = new ArrayList<>();
        long start = 0;
        var checkpoint = TrainingCheckpoint.toResume(runFolder, CHECKPOINT, resume, config.describe());
        if (checkpoint.isPresent()) {
            start = restore(checkpoint.get(), losses, validations);
            listener.message(
                    String.format(Locale.ROOT, "resumed %s at step %d of %d", checkpointFile, start, config.steps()));
        }
        long resumedFrom = start;
        var lowDose = lowDoseBaseline();
        if (start == 0 && lowDose.isPresent()) {
            listener.message(
                    "low-dose input on the validation slices: " + lowDose.get().format());
        }
        PatchSampler sampler =
                new PatchSampler(data.pairs(Split.TRAIN), config.patchSize(), Normalization.DEFAULT, config.seed(), 16);
        if (start == 0 && langAe != null) {
            listener.message(lossScales(sampler.batch(0, config.batchSize())));
        }
        CosineSchedule schedule = new CosineSchedule(
                config.lrStart(), config.lrEnd(), config.steps(), CosineSchedule.denoiserWarmup(config.steps()));
        SeriesEvaluation.Summary lastValidation = null;
        double bestPsnr = bestValidationPsnr(validations);
        long begun = System.nanoTime();
        for (long step = start; step < config.steps() && !listener.finishRequested(); step++) {
            float lr = schedule.at(step);
            double value = trainStep(sampler.batch(step, config.batchSize()), lr, step, listener);
            losses.add(value);
            listener.step(step + 1, config.steps(), value, lr);
            boolean last = step + 1 == config.steps();
            boolean stop = listener.stopRequested();
            boolean finish = listener.finishRequested();
            if ((step + 1) % config.validateEvery() == 0 || last) {
                lastValidation = validate();
                if (lastValidation != null) {
                    if (lastValidation.psnrMean() > bestPsnr) {
                        bestPsnr = lastValidation.psnrMean();
                        ModelFile.save(model, header(), runFolder.resolve(BEST));
                    }
                    listener.validated(step + 1, lastValidation);
                    String line = LearningCurve.validationLine(step + 1, lastValidation);
                    validations.add(line);
                    listener.message(line);
                }
            }
            if ((step + 1) % config.checkpointEvery() == 0 || last || stop || finish) {
                checkpoint(step + 1, losses, validations).write(checkpointFile);
            }
            if (stop) {
                listener.message("stopped at step " + (step + 1) + "; resume with --resume");
                return new Result(losses, validations, lastValidation, null, null, seconds(begun), resumedFrom);
            }
        }
        Path modelFile = runFolder.resolve(MODEL);
        Path best = runFolder.resolve(BEST);
        String sha;
        if (listener.finishRequested() && Files.isRegularFile(best)) {
            // Finished early: the best validation's weights, not the last step's.
            ModelFile.load(model, header(), best, null, manager);
            sha = ModelFile.save(model, header(), modelFile);
            listener.message(String.format(
                    Locale.ROOT, "finished early: the model is the best validation so far (PSNR %.2f dB)", bestPsnr));
        } else {
            sha = ModelFile.save(model, header(), modelFile);
        }
        LearningCurve.write(
                runFolder,
                config.describe(),
                losses,
                validations,
                lowDose.map(SeriesEvaluation.Summary::psnrMean).orElse(Double.NaN));
        return new Result(losses, validations, lastValidation, modelFile, sha, seconds(begun), resumedFrom);
    }

    /** The best validation PSNR of the lines a resumed run carries, or -infinity before any. */
    private static double bestValidationPsnr(List<String> validations) {
        return LearningCurve.validations(validations).stream()
                .mapToDouble(LearningCurve.Validation::psnr)
                .max()
                .orElse(Double.NEGATIVE_INFINITY);
    }

    private double trainStep(List<PatchSampler.Patch> patches, float lr, long step, TrainingListener listener) {
        double value;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = halves(patches, scope, true);
            NDArray y = halves(patches, scope, false);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray denoised = model.forward(store, new NDList(x), true).singletonOrThrow();
                NDArray total = loss == null ? denoised.sub(y).square().mean() : loss.total(denoised, y);
                value = total.getFloat();
                if (!Double.isFinite(value)) {
                    // Stop before the optimiser touches the weights: the last checkpoint stays good.
                    throw new TrainingDiverged(String.format(
                            Locale.ROOT,
                            "loss is %s at step %d (lr %.2e): training stopped; the last checkpoint in %s is intact. "
                                    + "Try a lower learning rate (--lr) or check the data set for broken slices.",
                            value,
                            step + 1,
                            lr,
                            runFolder));
                }
                listener.beforeBackward();
                collector.backward(total);
            }
        }
        double norm = optimizer.clipGradientNorm(MAX_GRADIENT_NORM);
        if (!Double.isFinite(norm)) {
            throw new TrainingDiverged(String.format(
                    Locale.ROOT,
                    "gradient is %s at step %d (loss %s, in %s): training "
                            + "stopped; the last checkpoint in %s is intact. Try a lower learning rate (--lr).",
                    norm,
                    step + 1,
                    value,
                    optimizer.nonFiniteGradients(3),
                    runFolder));
        }
        optimizer.step(lr);
        return value;
    }

    /** The low-dose (or normal-dose) halves of a batch as one [B, 1, size, size] array, copied natively (ADR 0008). */
    private NDArray halves(List<PatchSampler.Patch> patches, NDManager scope, boolean lowDose) {
        int size = config.patchSize();
        float[] values = new float[patches.size() * size * size];
        for (int i = 0; i < patches.size(); i++) {
            PatchSampler.Patch patch = patches.get(i);
            System.arraycopy(lowDose ? patch.lowDose() : patch.normalDose(), 0, values, i * size * size, size * size);
        }
        return NativeArrays.of(scope, values, new Shape(patches.size(), 1, size, size));
    }

    /**
     * MSE and LangDA between the low-dose and normal-dose halves of the first batch, and the lambda at
     * which the two terms would weigh the same there: the scale a lambda sweep starts from (LangDA's size
     * depends on the LangAE, so a lambda that suits one LangAE says little about another).
     */
    private String lossScales(List<PatchSampler.Patch> patches) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = halves(patches, scope, true);
            NDArray y = halves(patches, scope, false);
            LangDaLoss both = new LangDaLoss(langAe, store, config.terms(), 1f);
            double mse = x.sub(y).square().mean().getFloat();
            double langDa = both.langDa(x, y).getFloat();
            return String.format(
                    Locale.ROOT,
                    "low-dose input, first batch: MSE %.3e, LangDA %.3e (lambda %.2e would weigh them "
                            + "the same); this run's lambda %s",
                    mse,
                    langDa,
                    mse / langDa,
                    config.usesLangDa() ? config.lambda() : 0f);
        }
    }

    /** Whole validation slices (the first {@code validationSlices}) denoised as the model is now; null without any. */
    private SeriesEvaluation.Summary validate() throws IOException {
        return scoreValidation(denoiser());
    }

    /** The validation slices' low-dose input scored as it is: the figure each validation must beat. */
    private Optional<SeriesEvaluation.Summary> lowDoseBaseline() throws IOException {
        return Optional.ofNullable(scoreValidation(UnaryOperator.identity()));
    }

    /** The first {@code validationSlices} validation slices through {@code denoiser}, scored in the abdominal window. */
    private SeriesEvaluation.Summary scoreValidation(UnaryOperator<HuImage> denoiser) throws IOException {
        List<PairedSlice> pairs = data.pairs(Split.VALIDATION).stream()
                .limit(config.validationSlices())
                .toList();
        if (pairs.isEmpty()) {
            return null;
        }
        return SeriesEvaluation.summarise(SeriesEvaluation.evaluate(pairs, denoiser, Window.ABDOMEN));
    }

    /** The model as it is now, HU in and out (inference mode: SEED's CPU scans use the fused kernel). */
    public UnaryOperator<HuImage> denoiser() {
        return new HuDenoiser(model, manager, Normalization.DEFAULT)::denoise;
    }

    public ModelFile.Header header() {
        return Models.denoiserHeader(
                config.model(), langAe == null ? null : langAe.config(), langAe == null ? null : langAe.codebook());
    }

    private TrainingCheckpoint checkpoint(long step, List<Double> losses, List<String> validations) throws IOException {
        return new TrainingCheckpoint(
                config.describe(),
                step,
                Map.of(
                        "weights", TrainingCheckpoint.weightsOf(model),
                        "optimizer", optimizer.state(),
                        "losses", TrainingCheckpoint.lines(losses),
                        "validations", TrainingCheckpoint.lines(validations)));
    }

    private long restore(TrainingCheckpoint checkpoint, List<Double> losses, List<String> validations)
            throws IOException {
        checkpoint.loadWeights("weights", model, manager);
        optimizer.restore(checkpoint.section("optimizer"), manager);
        losses.addAll(losses(checkpoint));
        validations.addAll(checkpoint.lines("validations"));
        return checkpoint.step();
    }

    /** The loss of every step a checkpoint has recorded, step 1 first. */
    public static List<Double> losses(TrainingCheckpoint checkpoint) throws IOException {
        return checkpoint.lines("losses").stream().map(Double::parseDouble).toList();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    public Block model() {
        return model;
    }

    public Device device() {
        return manager.getDevice();
    }
}
