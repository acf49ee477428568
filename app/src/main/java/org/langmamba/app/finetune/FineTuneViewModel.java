package org.langmamba.app.finetune;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.langmamba.app.SimulatorCache;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.metrics.NoiseLevel;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.train.SeriesEvaluation;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.Workers;

/**
 * The fine-tuning wizard's state and work, apart from its window: the window can be closed while
 * training goes on (the main window shows the progress), and reopened on the same run. Every long
 * step is a Task on one background thread; properties change on the FX thread only.
 */
public final class FineTuneViewModel {
    /** Where the models come from and where the wizard's results go; implemented by the app. */
    public interface Host {
        List<ModelChoice> models();

        Path modelFile(ModelChoice model);

        /** Whether the model is a compact SEED: the only kind fine-tuning starts from. */
        boolean isCompactSeed(ModelChoice model);

        List<ComputeDevice> devices();

        Path dataFolder();

        Path modelsFolder();

        /** Registers a saved model with the viewer and makes it the one Denoise uses. */
        void useModel(Path file) throws IOException;
    }

    /** One point of the live chart. */
    public record Point(long step, double value) {}

    private final Host host;
    private final Executor worker;

    // Step 1: data
    private final ObservableList<Path> inputs = FXCollections.observableArrayList();
    private final ObjectProperty<FineTuneData.Mode> mode = new SimpleObjectProperty<>(FineTuneData.Mode.SIMULATED);
    private final DoubleProperty dose = new SimpleDoubleProperty(0.25);
    private final DoubleProperty validationShare = new SimpleDoubleProperty(0.25);
    private final StringProperty dataSummary = new SimpleStringProperty("");
    private final ObservableList<String> dataProblems = FXCollections.observableArrayList();
    private final ObjectProperty<HuImage> previewOriginal = new SimpleObjectProperty<>();
    private final ObjectProperty<HuImage> previewSimulated = new SimpleObjectProperty<>();
    private final StringProperty previewNoise = new SimpleStringProperty("");
    // Step 2: model
    private final ObservableList<ModelChoice> baseModels = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> base = new SimpleObjectProperty<>();
    private final DoubleProperty lambda = new SimpleDoubleProperty(0.01);
    // 256, as the shipped SEED trained: its frozen encoder's GroupNorms see a large patch as they see a
    // whole slice, a 64-pixel one not (ADR 0009).
    private final IntegerProperty patch = new SimpleIntegerProperty(256);
    private final IntegerProperty batch = new SimpleIntegerProperty(2);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(1e-4);
    private final DoubleProperty budget = new SimpleDoubleProperty(1);
    private final ObjectProperty<FineTuneSettings.BudgetUnit> budgetUnit =
            new SimpleObjectProperty<>(FineTuneSettings.BudgetUnit.EPOCHS);
    private final ObservableList<ComputeDevice> devices = FXCollections.observableArrayList();
    private final ObjectProperty<ComputeDevice> device = new SimpleObjectProperty<>(ComputeDevice.CPU);
    private final StringProperty estimate = new SimpleStringProperty("");
    private double secondsPerStep = Double.NaN;
    // Step 3: training
    private final ObservableList<Point> losses = FXCollections.observableArrayList();
    private final ObservableList<Point> validationPsnr = FXCollections.observableArrayList();
    private final ObservableList<Point> validationSsim = FXCollections.observableArrayList();
    private final ObjectProperty<HuImage> trainingPreviewLow = new SimpleObjectProperty<>();
    private final ObjectProperty<HuImage> trainingPreviewModel = new SimpleObjectProperty<>();
    private final BooleanProperty training = new SimpleBooleanProperty(false);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty trained = new SimpleBooleanProperty(false);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean finishRequested = new AtomicBoolean();
    private final BooleanProperty finishedEarly = new SimpleBooleanProperty(false);
    // Step 4: result
    private final ObjectProperty<FineTuneRun.Comparison> comparison = new SimpleObjectProperty<>();
    private final StringProperty modelName = new SimpleStringProperty("");
    private final ObjectProperty<Path> savedModel = new SimpleObjectProperty<>();
    // All steps
    private final ReadOnlyObjectWrapper<FineTuneRun> run = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<FineTuneRun> resumable = new SimpleObjectProperty<>();
    private final ObjectProperty<Task<?>> task = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");

    /** The wizard's state; its long work (data, estimate, training, result) on a thread of its own. */
    public FineTuneViewModel(Host host) {
        this(host, Workers.singleThread("fine-tuning"));
    }

    /** The same, its long work on {@code worker} (a test may run it on the calling thread). */
    public FineTuneViewModel(Host host, Executor worker) {
        this.host = host;
        this.worker = worker;
        refreshModels();
        devices.setAll(host.devices());
        device.set(devices.isEmpty() ? ComputeDevice.CPU : devices.get(0));
        resumable.set(FineTuneRun.unfinished(host.dataFolder()).orElse(null));
        modelName.set("site-seed-" + LocalDate.now());
    }

    /** SEED models only (shipped and fine-tuned): the LangAE stays frozen, RED-CNN has none. */
    public void refreshModels() {
        baseModels.setAll(host.models().stream().filter(host::isCompactSeed).toList());
        if (base.get() == null || !baseModels.contains(base.get())) {
            base.set(baseModels.isEmpty() ? null : baseModels.get(0));
        }
    }

    // ---- step 1 ------------------------------------------------------------------------------

    /** Builds the paired data set in a new run folder; the summary and the left-out slices follow. */
    public Task<FineTuneData.Prepared> prepareData() {
        error.set("");
        FineTuneData.Request request;
        try {
            request = new FineTuneData.Request(List.copyOf(inputs), mode.get(), dose.get(), validationShare.get(), 1);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
        Task<FineTuneData.Prepared> prepare = new Task<>() {
            private FineTuneRun created;

            @Override
            protected FineTuneData.Prepared call() throws Exception {
                updateMessage("Reading the studies…");
                created = FineTuneRun.create(host.dataFolder());
                try {
                    return FineTuneData.prepare(request, created.dataFolder(), monitor(this));
                } catch (Exception e) {
                    deleteQuietly(created.folder());
                    throw e;
                }
            }

            @Override
            protected void succeeded() {
                run.set(created);
                dataSummary.set(getValue().splitSummary());
                dataProblems.setAll(getValue().problems());
                trained.set(false);
                comparison.set(null);
            }
        };
        return submit(prepare, "Data");
    }

    /** One slice of the first usable series, simulated at the chosen dose, and the noise SD it adds. */
    public Task<Void> previewDose() {
        error.set("");
        List<Path> paths = List.copyOf(inputs);
        double d = dose.get();
        Task<Void> preview = new Task<>() {
            private HuImage original;
            private HuImage simulated;
            private double noise;

            @Override
            protected Void call() throws Exception {
                if (paths.isEmpty()) {
                    throw new IllegalArgumentException("add a study first");
                }
                updateMessage("Simulating one slice…");
                List<CtSeries> series =
                        new PixelMedStudyStore().read(paths, monitor(this)).allSeries();
                CtSlice slice = series.stream()
                        .flatMap(s -> s.slices().stream())
                        .filter(s -> FineTuneData.usable(s).isEmpty())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no slice of these inputs can be simulated "
                                + "(square, with pixel spacing, at least " + FineTuneData.MIN_SIZE + " pixels)"));
                original = slice.image();
                simulated = new SimulatorCache()
                        .simulate(slice, DoseSettings.quarterDose(1).withDose(d));
                noise = NoiseLevel.addedInBody(original, simulated);
                return null;
            }

            @Override
            protected void succeeded() {
                previewOriginal.set(original);
                previewSimulated.set(simulated);
                previewNoise.set(String.format(
                        Locale.ROOT, "%.0f%% dose adds noise of SD %.1f HU (inside the body)", 100 * d, noise));
            }
        };
        return submit(preview, "Preview");
    }

    // ---- step 2 ------------------------------------------------------------------------------

    public FineTuneSettings settings() {
        ModelChoice chosen = base.get();
        if (chosen == null) {
            throw new IllegalArgumentException("no SEED model to start from");
        }
        return new FineTuneSettings(
                host.modelFile(chosen),
                chosen.name(),
                (float) lambda.get(),
                patch.get(),
                batch.get(),
                learningRate.get(),
                budget.get(),
                budgetUnit.get(),
                device.get());
    }

    /** Measures a few warm-up steps and says how long the budget takes on this machine. */
    public Task<Double> estimate() {
        error.set("");
        FineTuneRun current = run.get();
        FineTuneSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
        Task<Double> measure = new Task<>() {
            @Override
            protected Double call() throws Exception {
                updateMessage("Timing a few training steps…");
                return FineTuneRun.measureSecondsPerStep(s, current.dataset(), 3);
            }

            @Override
            protected void succeeded() {
                secondsPerStep = getValue();
                try {
                    long steps = FineTuneRun.steps(s, current.dataset(), secondsPerStep);
                    estimate.set(String.format(
                            Locale.ROOT,
                            "%.2f s per step on %s: %d steps, about %s",
                            secondsPerStep,
                            s.device(),
                            steps,
                            duration(steps * secondsPerStep)));
                } catch (IOException | IllegalArgumentException e) {
                    error.set(e.getMessage());
                }
            }
        };
        return submit(measure, "Estimate");
    }

    // ---- step 3 ------------------------------------------------------------------------------

    /** Plans the run with the chosen settings and trains it from the base model. */
    public Task<Path> startTraining() {
        error.set("");
        FineTuneRun current = run.get();
        long steps;
        try {
            FineTuneSettings s = settings();
            steps = FineTuneRun.steps(s, current.dataset(), secondsPerStep);
            current.plan(s, steps);
        } catch (IOException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
        losses.clear();
        validationPsnr.clear();
        validationSsim.clear();
        return train(current, false);
    }

    /** Continues a run from its checkpoint: after a pause, or one the app left unfinished. */
    public Task<Path> resume(FineTuneRun unfinished) {
        error.set("");
        run.set(unfinished);
        resumable.set(null);
        try {
            FineTuneSettings s = unfinished.settings();
            dataSummary.set(new FineTuneData.Prepared(unfinished.dataset(), List.of()).splitSummary());
            device.set(s.device());
        } catch (IOException e) {
            error.set(e.getMessage());
            return null;
        }
        return train(unfinished, true);
    }

    public Task<Path> resume() {
        return resume(run.get());
    }

    private Task<Path> train(FineTuneRun current, boolean resume) {
        stopRequested.set(false);
        finishedEarly.set(false);
        Task<Path> train = new Task<>() {
            private long begun;
            private long firstStep = -1;

            @Override
            protected Path call() throws Exception {
                updateMessage(resume ? "Resuming from the last checkpoint…" : "Starting…");
                begun = System.nanoTime();
                return current.train(resume, new FineTuneRun.Listener() {
                    @Override
                    public void step(long step, long total, double loss, double learningRate) {
                        if (firstStep < 0) {
                            firstStep = step;
                            begun = System.nanoTime();
                        }
                        double perStep = (System.nanoTime() - begun) / 1e9 / Math.max(1, step - firstStep + 1);
                        updateProgress(step, total);
                        updateMessage(String.format(
                                Locale.ROOT,
                                "step %d of %d, loss %.3g, %s left",
                                step,
                                total,
                                loss,
                                duration((total - step) * perStep)));
                        Platform.runLater(() -> {
                            // A resumed run computes again the steps after its checkpoint.
                            dropFrom(losses, step);
                            losses.add(new Point(step, loss));
                        });
                    }

                    @Override
                    public void message(String text) {}

                    @Override
                    public boolean stopRequested() {
                        return stopRequested.get() || isCancelled();
                    }

                    @Override
                    public boolean finishRequested() {
                        return finishRequested.get();
                    }

                    @Override
                    public void validated(
                            long step, long total, SeriesEvaluation.Summary scores, HuImage low, HuImage denoised) {
                        Platform.runLater(() -> {
                            dropFrom(validationPsnr, step);
                            dropFrom(validationSsim, step);
                            validationPsnr.add(new Point(step, scores.psnrMean()));
                            validationSsim.add(new Point(step, scores.ssimMean()));
                            trainingPreviewLow.set(low);
                            trainingPreviewModel.set(denoised);
                        });
                    }
                });
            }

            @Override
            protected void running() {
                training.set(true);
                paused.set(false);
            }

            @Override
            protected void succeeded() {
                training.set(false);
                if (getValue() == null) {
                    paused.set(true);
                    status.set("Paused at a checkpoint: Resume continues, closing keeps it for later");
                } else {
                    trained.set(true);
                    boolean early = finishRequested.getAndSet(false);
                    status.set(
                            early
                                    ? "Training stopped early: the model is the best validation so far"
                                    : "Training finished");
                    finishedEarly.set(early);
                }
            }

            @Override
            protected void failed() {
                training.set(false);
                paused.set(true); // the checkpoint is there: the run can be resumed after the cause is fixed
            }
        };
        return submit(train, "Training");
    }

    private static void dropFrom(ObservableList<Point> points, long step) {
        while (!points.isEmpty() && points.get(points.size() - 1).step() >= step) {
            points.remove(points.size() - 1);
        }
    }

    /** Stops at the next step, writing a checkpoint; {@link #resume()} continues. */
    public void pause() {
        stopRequested.set(true);
    }

    /**
     * Ends the run now and keeps a model: the weights of its best validation so far. A paused run is
     * taken up from its checkpoint just to be finished (no step is trained).
     */
    public void stopAndKeepBest() {
        finishRequested.set(true);
        if (!training.get() && paused.get() && run.get() != null) {
            resume();
        }
    }

    /** True once a run ended by {@link #stopAndKeepBest()} has its model (the wizard then shows the result). */
    public BooleanProperty finishedEarlyProperty() {
        return finishedEarly;
    }

    // ---- step 4 ------------------------------------------------------------------------------

    public Task<FineTuneRun.Comparison> compare() {
        error.set("");
        FineTuneRun current = run.get();
        Task<FineTuneRun.Comparison> compare = new Task<>() {
            @Override
            protected FineTuneRun.Comparison call() throws Exception {
                updateMessage("Scoring the base and the fine-tuned model on the validation slices…");
                return current.compare();
            }

            @Override
            protected void succeeded() {
                comparison.set(getValue());
            }
        };
        return submit(compare, "Result");
    }

    /** Saves the model and its card in the models folder; the viewer can then use it. */
    public Path save() {
        error.set("");
        try {
            Path file = run.get().save(modelName.get(), host.modelsFolder(), comparison.get());
            savedModel.set(file);
            status.set("Saved " + file);
            return file;
        } catch (IOException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    public void useInViewer() {
        try {
            host.useModel(savedModel.get());
            status.set("The viewer now denoises with " + savedModel.get().getFileName());
        } catch (IOException | RuntimeException e) {
            error.set("cannot use the model: " + e.getMessage());
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private <T> Task<T> submit(Task<T> work, String step) {
        work.setOnFailed(e -> {
            Throwable cause = work.getException();
            error.set(step + ": " + message(cause));
            if (step.equals("Training")) {
                training.set(false);
                paused.set(true);
            }
        });
        task.set(work);
        worker.execute(work);
        return work;
    }

    /** Words for the user, not a stack trace: out of memory and a full disk said as such. */
    static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: try a smaller patch or batch size";
        }
        if (e instanceof NoSuchFileException) {
            return "file not found: " + e.getMessage();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (text.contains("No space left on device")) {
            return "the disk is full: free space in " + text;
        }
        return text;
    }

    private static LoadMonitor monitor(Task<?> task) {
        return new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                // Task.updateProgress is protected; the wizard shows the message line only.
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }
        };
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static void deleteQuietly(Path folder) {
        try {
            FineTuneRun.deleteRecursively(folder);
        } catch (IOException e) {
            // left for the user to see; nothing of theirs is in it
        }
    }

    // ---- properties --------------------------------------------------------------------------

    public ObservableList<Path> inputs() {
        return inputs;
    }

    public ObjectProperty<FineTuneData.Mode> modeProperty() {
        return mode;
    }

    public DoubleProperty doseProperty() {
        return dose;
    }

    public DoubleProperty validationShareProperty() {
        return validationShare;
    }

    public StringProperty dataSummaryProperty() {
        return dataSummary;
    }

    public ObservableList<String> dataProblems() {
        return dataProblems;
    }

    public ObjectProperty<HuImage> previewOriginalProperty() {
        return previewOriginal;
    }

    public ObjectProperty<HuImage> previewSimulatedProperty() {
        return previewSimulated;
    }

    public StringProperty previewNoiseProperty() {
        return previewNoise;
    }

    public ObservableList<ModelChoice> baseModels() {
        return baseModels;
    }

    public ObjectProperty<ModelChoice> baseProperty() {
        return base;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public IntegerProperty patchProperty() {
        return patch;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public DoubleProperty budgetProperty() {
        return budget;
    }

    public ObjectProperty<FineTuneSettings.BudgetUnit> budgetUnitProperty() {
        return budgetUnit;
    }

    public ObservableList<ComputeDevice> devices() {
        return devices;
    }

    public ObjectProperty<ComputeDevice> deviceProperty() {
        return device;
    }

    public StringProperty estimateProperty() {
        return estimate;
    }

    public ObservableList<Point> losses() {
        return losses;
    }

    public ObservableList<Point> validationPsnr() {
        return validationPsnr;
    }

    public ObservableList<Point> validationSsim() {
        return validationSsim;
    }

    public ObjectProperty<HuImage> trainingPreviewLowProperty() {
        return trainingPreviewLow;
    }

    public ObjectProperty<HuImage> trainingPreviewModelProperty() {
        return trainingPreviewModel;
    }

    public BooleanProperty trainingProperty() {
        return training;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty trainedProperty() {
        return trained;
    }

    public ObjectProperty<FineTuneRun.Comparison> comparisonProperty() {
        return comparison;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    public ObjectProperty<Path> savedModelProperty() {
        return savedModel;
    }

    public ReadOnlyObjectProperty<FineTuneRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ObjectProperty<FineTuneRun> resumableProperty() {
        return resumable;
    }

    public ObjectProperty<Task<?>> taskProperty() {
        return task;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty statusProperty() {
        return status;
    }
}
