package org.langmamba.app.finetune;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.api.HuDenoiser;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.inference.model.ModelFile;
import org.langmamba.inference.model.Models;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.Split;
import org.langmamba.training.metrics.BodyRegion;
import org.langmamba.training.train.DenoiserTraining;
import org.langmamba.training.train.DenoiserTrainingConfig;
import org.langmamba.training.train.SeriesEvaluation;
import org.langmamba.training.train.TrainingDiverged;
import org.langmamba.training.train.TrainingListener;

/**
 * One fine-tuning run in its own folder of the data folder: {@code data/} (the paired data set),
 * {@code settings.properties}, {@code run.properties} (steps, state) and {@code run/} (checkpoint,
 * model). SEED starts from the base model's weights with the shipped LangAE frozen as its encoder,
 * and trains with MSE + lambda LangDA; checkpoints are atomic, so a run the app did not finish is
 * resumed from its last one. Not thread-safe: one background thread drives a run.
 */
public final class FineTuneRun {
    static final String DATA = "data";
    static final String RUN = "run";
    static final String STATE = "run.properties";
    static final String BASE_MODEL = "base.lmmd";
    /** Validations per run: often enough for a live chart, rarely enough not to slow training down. */
    static final int VALIDATIONS = 8;

    static final int VALIDATION_SLICES = 4;

    public enum State {
        PREPARED,
        TRAINING,
        FINISHED
    }

    /** Per validation: the scores and the preview slice through the model as it is now. */
    public interface Listener extends TrainingListener {
        void validated(
                long step, long total, SeriesEvaluation.Summary scores, HuImage previewLow, HuImage previewDenoised);
    }

    /** One validation slice: the low-dose input, the base model and the fine-tuned one against the normal dose. */
    public record SliceComparison(
            String slice,
            double ldctPsnr,
            double basePsnr,
            double tunedPsnr,
            double ldctSsim,
            double baseSsim,
            double tunedSsim) {}

    /** Scores in {@code region}'s window: without the low-dose column nobody can tell whether denoising helps at all. */
    public record Comparison(
            List<SliceComparison> slices,
            BodyRegion region,
            SeriesEvaluation.Summary ldct,
            SeriesEvaluation.Summary base,
            SeriesEvaluation.Summary tuned) {
        /** "brain window [0, 80] HU (head slices)", as the result step and the card say it. */
        public String windowDescription() {
            return (region == BodyRegion.HEAD ? "brain" : "abdominal") + " window "
                    + region.window().bounds() + " (" + region.label() + " slices)";
        }
    }

    private final Path folder;

    public FineTuneRun(Path folder) {
        this.folder = folder;
    }

    /** A new run folder under {@code <data folder>/fine-tuning}, named by the time it was made. */
    public static FineTuneRun create(Path dataFolder) throws IOException {
        Path parent = dataFolder.resolve("fine-tuning");
        Files.createDirectories(parent);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path folder = parent.resolve(stamp);
        for (int i = 2; Files.exists(folder); i++) {
            folder = parent.resolve(stamp + "-" + i);
        }
        Files.createDirectories(folder);
        return new FineTuneRun(folder);
    }

    /** The newest run the app left in training (its checkpoint kept), to offer when the wizard opens again. */
    public static Optional<FineTuneRun> unfinished(Path dataFolder) {
        Path parent = dataFolder.resolve("fine-tuning");
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (var runs = Files.list(parent)) {
            return runs.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .map(FineTuneRun::new)
                    .filter(r -> r.state() == State.TRAINING
                            && Files.exists(r.runFolder().resolve(DenoiserTraining.CHECKPOINT)))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path folder() {
        return folder;
    }

    public Path dataFolder() {
        return folder.resolve(DATA);
    }

    Path runFolder() {
        return folder.resolve(RUN);
    }

    public PairedDataset dataset() throws IOException {
        return PairedDataset.open(dataFolder());
    }

    public FineTuneSettings settings() throws IOException {
        return FineTuneSettings.load(folder);
    }

    public State state() {
        return State.valueOf(stateProperties().getProperty("state", State.PREPARED.name()));
    }

    /** Total steps fixed when training began (a resumed run keeps them), 0 before. */
    public long plannedSteps() {
        return Long.parseLong(stateProperties().getProperty("steps", "0"));
    }

    private Properties stateProperties() {
        Properties p = new Properties();
        Path file = folder.resolve(STATE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                // unreadable: treated as a run that never started
            }
        }
        return p;
    }

    private void writeState(State state, long steps) throws IOException {
        Properties p = new Properties();
        p.setProperty("state", state.name());
        p.setProperty("steps", Long.toString(steps));
        StringWriter text = new StringWriter();
        p.store(text, "LangMamba fine-tuning run state");
        AtomicFiles.write(text.toString().getBytes(StandardCharsets.UTF_8), folder.resolve(STATE));
    }

    /** Training patches in one pass over the training slices, in steps of {@code batch} patches. */
    public static long stepsPerEpoch(PairedDataset data, int patch, int batch) {
        long patches = 0;
        for (PairedSlice p : data.pairs(Split.TRAIN)) {
            patches += (long) Math.max(1, p.width() / patch) * Math.max(1, p.height() / patch);
        }
        return Math.max(1, (patches + batch - 1) / batch);
    }

    /** Steps for the budget: epochs times {@link #stepsPerEpoch}, or the minutes at the measured speed. */
    public static long steps(FineTuneSettings s, PairedDataset data, double secondsPerStep) {
        if (s.budgetUnit() == FineTuneSettings.BudgetUnit.EPOCHS) {
            return Math.max(1, Math.round(s.budget() * stepsPerEpoch(data, s.patchSize(), s.batchSize())));
        }
        if (!(secondsPerStep > 0)) {
            throw new IllegalArgumentException(
                    "a budget in minutes needs the speed of this machine: run the estimate first");
        }
        return Math.max(1, (long) (s.budget() * 60 / secondsPerStep));
    }

    /**
     * Seconds per training step on this machine and device, measured on a few warm-up steps in a
     * scratch folder (the first step, which chooses kernels, is not counted).
     */
    public static double measureSecondsPerStep(FineTuneSettings s, PairedDataset data, int steps) throws IOException {
        Path scratch = Files.createTempDirectory("langmamba-estimate");
        try (NDManager manager = NDManager.newBaseManager(ComputeEngine.djl(s.device()))) {
            LangAe langAe = DefaultModels.langAe(codebook(), manager);
            DenoiserTrainingConfig config = config(s, steps + 1);
            DenoiserTraining training = new DenoiserTraining(config, data, langAe, scratch, manager);
            training.startFrom(s.baseModel());
            long[] times = new long[2];
            int[] timed = new int[1];
            try {
                training.run(false, new TrainingListener() {
                    @Override
                    public void step(long step, long total, double loss, double learningRate) {
                        if (step == 1) {
                            times[0] = System.nanoTime();
                        } else {
                            timed[0]++;
                        }
                        times[1] = System.nanoTime();
                    }

                    @Override
                    public void message(String text) {}
                });
            } catch (TrainingDiverged e) {
                // Only the speed is wanted here: steps timed before a numerical failure still tell it.
                if (timed[0] == 0) {
                    throw e;
                }
            }
            return (times[1] - times[0]) / 1e9 / timed[0];
        } finally {
            deleteRecursively(scratch);
        }
    }

    static DenoiserTrainingConfig config(FineTuneSettings s, long steps) {
        int every = (int) Math.max(1, steps / VALIDATIONS);
        return new DenoiserTrainingConfig(
                Models.Denoiser.SEED_COMPACT,
                s.lambda(),
                LangDaLoss.Terms.BOTH,
                s.patchSize(),
                s.batchSize(),
                steps,
                s.learningRate(),
                s.learningRate() / 100,
                1e-4f,
                every,
                Math.min(every, 25),
                VALIDATION_SLICES,
                1);
    }

    /**
     * Writes the settings with a copy of the base model beside them (the exact weights the run
     * starts from, on the real file system even when the base is a shipped model inside the app);
     * from now on the folder is a run that can be trained and resumed.
     */
    public FineTuneSettings plan(FineTuneSettings s, long steps) throws IOException {
        Path base = folder.resolve(BASE_MODEL);
        AtomicFiles.write(Files.readAllBytes(s.baseModel()), base);
        FineTuneSettings planned = new FineTuneSettings(
                base,
                s.baseName(),
                s.lambda(),
                s.patchSize(),
                s.batchSize(),
                s.learningRate(),
                s.budget(),
                s.budgetUnit(),
                s.device());
        planned.save(folder);
        writeState(State.TRAINING, steps);
        return planned;
    }

    /**
     * Trains to the planned steps, from the checkpoint when {@code resume} (and there is one).
     * Returns the model file, or null when the listener asked to stop (the checkpoint is kept).
     */
    public Path train(boolean resume, Listener listener) throws IOException {
        FineTuneSettings s = settings();
        long steps = plannedSteps();
        PairedDataset data = dataset();
        PairedSlice previewPair = data.pairs(Split.VALIDATION).get(0);
        HuImage previewLow = previewPair.loadLowDose();
        try (NDManager manager = NDManager.newBaseManager(ComputeEngine.djl(s.device()))) {
            LangAe langAe = DefaultModels.langAe(codebook(), manager);
            DenoiserTraining training = new DenoiserTraining(config(s, steps), data, langAe, runFolder(), manager);
            training.startFrom(s.baseModel()); // a resumed run then takes the checkpoint's weights instead
            DenoiserTraining.Result result = training.run(resume, new TrainingListener() {
                @Override
                public void step(long step, long total, double loss, double learningRate) {
                    listener.step(step, total, loss, learningRate);
                }

                @Override
                public void message(String text) {
                    listener.message(text);
                }

                @Override
                public boolean stopRequested() {
                    return listener.stopRequested();
                }

                @Override
                public boolean finishRequested() {
                    return listener.finishRequested();
                }

                @Override
                public void validated(long step, SeriesEvaluation.Summary scores) {
                    listener.validated(
                            step, steps, scores, previewLow, training.denoiser().apply(previewLow));
                }
            });
            if (result.model() == null) {
                return null;
            }
            writeState(State.FINISHED, steps);
            return result.model();
        }
    }

    public Path model() {
        return runFolder().resolve(DenoiserTraining.MODEL);
    }

    /**
     * The low-dose input, the base model and the fine-tuned one on every validation slice, in the
     * window of the body region most of them show (the brain window for heads).
     */
    public Comparison compare() throws IOException {
        FineTuneSettings s = settings();
        List<PairedSlice> pairs = dataset().pairs(Split.VALIDATION);
        List<BodyRegion> regions = new ArrayList<>();
        for (PairedSlice pair : pairs) {
            regions.add(BodyRegion.of(pair.loadNormalDose(), pair.pixelSizeMm()));
        }
        BodyRegion region = BodyRegion.ofMost(regions);
        Window window = region.window();
        try (NDManager manager = NDManager.newBaseManager(ComputeEngine.djl(s.device()))) {
            LangAe langAe = DefaultModels.langAe(codebook(), manager);
            List<SeriesEvaluation.SliceResult> ldct = SeriesEvaluation.evaluate(pairs, null, window);
            List<SeriesEvaluation.SliceResult> base = SeriesEvaluation.evaluate(
                    pairs,
                    denoiser(
                            Models.loadDenoiser(s.baseModel(), Models.Denoiser.SEED_COMPACT, langAe, manager), manager),
                    window);
            List<SeriesEvaluation.SliceResult> tuned = SeriesEvaluation.evaluate(
                    pairs,
                    denoiser(Models.loadDenoiser(model(), Models.Denoiser.SEED_COMPACT, langAe, manager), manager),
                    window);
            List<SliceComparison> rows = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                rows.add(new SliceComparison(
                        pairs.get(i).patientId() + "/" + pairs.get(i).sliceId(),
                        ldct.get(i).scores().psnr(),
                        base.get(i).scores().psnr(),
                        tuned.get(i).scores().psnr(),
                        ldct.get(i).scores().ssim(),
                        base.get(i).scores().ssim(),
                        tuned.get(i).scores().ssim()));
            }
            return new Comparison(
                    rows,
                    region,
                    SeriesEvaluation.summarise(ldct),
                    SeriesEvaluation.summarise(base),
                    SeriesEvaluation.summarise(tuned));
        }
    }

    private static UnaryOperator<HuImage> denoiser(Block block, NDManager manager) {
        return new HuDenoiser(block, manager, Normalization.DEFAULT)::denoise;
    }

    /**
     * The fine-tuned model under {@code name} in the models folder, with its model card; never over
     * an existing model. Returns the model file.
     */
    public Path save(String name, Path modelsFolder, Comparison comparison) throws IOException {
        String safe = name.trim().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (safe.isEmpty()) {
            throw new IllegalArgumentException("give the model a name (letters, digits, - _ .)");
        }
        Path target = modelsFolder.resolve(safe + ".lmmd");
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(
                    target.toString(), null, "a model of that name exists; choose another name");
        }
        Files.createDirectories(modelsFolder);
        byte[] weights = Files.readAllBytes(model());
        AtomicFiles.write(
                ModelCard.of(safe, settings(), plannedSteps(), dataset(), comparison, ModelFile.sha256(weights))
                        .getBytes(StandardCharsets.UTF_8),
                modelsFolder.resolve(safe + ".md"));
        AtomicFiles.write(weights, target);
        return target;
    }

    static LanguageCodebook codebook() {
        return DefaultCodebook.load();
    }

    /** Deletes a folder the wizard made (a scratch run, a data set that could not be finished). */
    static void deleteRecursively(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
