package org.langmamba.viewer.denoise;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.DerivedSeriesRequest;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.viewer.dialogs.DialogService;
import org.langmamba.viewer.processing.DenoiseSeriesTask;
import org.langmamba.viewer.processing.DenoisedExport;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.DenoiserPool;
import org.langmamba.viewer.processing.DifferenceImages;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.processing.SeriesDenoising;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * Denoising in the viewer: original in pane A, the denoised series in pane B (and denoised −
 * original in pane C), locked together. One worker thread runs the network; the slice on screen
 * goes first and every finished slice shows at once. Results are kept per series and model, so
 * switching back to a model, or to a series, costs nothing; switching model while denoising is on
 * re-denoises only the series on screen.
 */
public final class DenoiseViewModel {
    /** How pane B is compared with pane A. */
    public enum Compare {
        SIDE_BY_SIDE,
        FLICKER,
        SWIPE
    }

    private final PaneSet paneSet;
    private final DicomStudyStore store;
    private final Function<CtSeries, Optional<CtStudy>> studyOf;
    private final ProcessingBackend backend;
    private final DenoiserPool pool;
    private final Executor worker;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final ObservableList<ComputeDevice> devices = FXCollections.observableArrayList();
    private final ObjectProperty<ComputeDevice> device = new SimpleObjectProperty<>(this, "device", ComputeDevice.CPU);
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final BooleanProperty difference = new SimpleBooleanProperty(this, "difference", false);
    private final ObjectProperty<Compare> compare = new SimpleObjectProperty<>(this, "compare", Compare.SIDE_BY_SIDE);
    private final ReadOnlyObjectWrapper<DenoisedSeries> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyObjectWrapper<DenoiseSeriesTask> task = new ReadOnlyObjectWrapper<>(this, "task");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ReadOnlyObjectWrapper<Task<List<Path>>> export = new ReadOnlyObjectWrapper<>(this, "export");
    private final StringProperty exportStatus = new SimpleStringProperty(this, "exportStatus", "");
    private final Map<String, DenoisedSeries> results = new HashMap<>();
    private final AtomicInteger focus = new AtomicInteger();
    private final Timeline flicker;

    public DenoiseViewModel(
            PaneSet paneSet,
            ProcessingBackend backend,
            DicomStudyStore store,
            Function<CtSeries, Optional<CtStudy>> studyOf,
            Executor worker) {
        this.worker = worker;
        this.store = store;
        this.studyOf = studyOf;
        this.paneSet = paneSet;
        this.backend = backend;
        this.pool = new DenoiserPool(backend);
        models.setAll(backend.models());
        devices.setAll(backend.devices());
        model.set(models.isEmpty() ? null : models.get(0));
        device.set(devices.get(0));
        original().sliceIndexProperty().addListener((o, was, now) -> focus.set(now.intValue()));
        // Lazily: a new model or device is only run when denoising is on, and only for the series shown.
        model.addListener((o, was, now) -> rerunIfActive());
        device.addListener((o, was, now) -> rerunIfActive());
        difference.addListener((o, was, now) -> rerunIfActive());
        flicker = new Timeline(new KeyFrame(
                Duration.millis(600),
                e -> denoisedPane()
                        .showOriginalProperty()
                        .set(!denoisedPane().showOriginalProperty().get())));
        flicker.setCycleCount(Timeline.INDEFINITE);
        compare.addListener((o, was, now) -> applyCompare());
    }

    /**
     * Selects the user's default model (by its toolbar name) and device. A model that is no longer
     * there keeps the first one; a GPU asked for but not usable falls back to the CPU and says so.
     */
    public void applyDefaults(String modelName, DevicePreference preference) {
        models.stream().filter(m -> m.name().equals(modelName)).findFirst().ifPresent(model::set);
        Optional<ComputeDevice> wanted = preference == null ? Optional.empty() : preference.fixed();
        if (wanted.isEmpty()) {
            device.set(devices.get(0));
        } else if (devices.contains(wanted.get())) {
            device.set(wanted.get());
        } else {
            device.set(devices.get(0));
            status.set(wanted.get() + " was chosen in Settings but is not usable here; running on " + device.get());
        }
    }

    private SliceViewModel original() {
        return paneSet.panes().get(0);
    }

    private SliceViewModel denoisedPane() {
        return paneSet.panes().get(1);
    }

    private SliceViewModel differencePane() {
        return paneSet.panes().get(2);
    }

    private void rerunIfActive() {
        if (active.get()) {
            denoise();
        }
    }

    /**
     * Denoises the series of the active pane (or of pane A when the active pane shows a processed
     * image): the slice on screen first, then the rest in the background. Pane A shows the original,
     * pane B the denoised slices as they come, pane C the difference when asked for.
     */
    public DenoiseSeriesTask denoise() {
        SliceViewModel from = paneSet.active().derivedProperty().get() == null
                        && paneSet.active().hasSeries()
                ? paneSet.active()
                : original();
        CtSeries source = from.seriesProperty().get();
        ModelChoice chosen = model.get();
        if (source == null || chosen == null) {
            status.set(source == null ? "Nothing to denoise: open a study first" : "No denoising model available");
            return null;
        }
        int slice = from.sliceIndexProperty().get();
        cancel();
        DenoisedSeries result = results.computeIfAbsent(
                source.seriesInstanceUid() + "|" + chosen.id(), k -> new DenoisedSeries(source, chosen));
        active.set(true);
        shown.set(result);
        paneSet.paneCountProperty().set(difference.get() ? 3 : 2);
        if (original().seriesProperty().get() != source
                || original().derivedProperty().get() != null) {
            original().showSeries(source);
        }
        original().showSlice(slice);
        focus.set(slice);
        denoisedPane().showDerived(source, result);
        if (difference.get()) {
            differencePane().showDerived(source, new DifferenceImages(result));
        }
        paneSet.activePaneProperty().set(0);
        paneSet.link().lockedProperty().set(true);
        paneSet.link().alignTo(original());
        applyCompare();
        if (result.isComplete()) {
            status.set(summary(result));
            return null;
        }
        DenoiseSeriesTask job = new DenoiseSeriesTask(result, pool, device.get(), focus::get);
        job.setOnSucceeded(e -> status.set(summary(result)));
        job.setOnCancelled(e -> status.set(String.format(
                Locale.ROOT,
                "Denoising stopped: %d of %d slices done (%s)",
                result.doneCount(),
                result.size(),
                chosen.name())));
        job.setOnFailed(e -> status.set("Denoising with " + chosen.name() + " failed: "
                + job.getException().getMessage()));
        job.messageProperty().addListener((o, was, now) -> status.set(now));
        task.set(job);
        worker.execute(job);
        return job;
    }

    private String summary(DenoisedSeries result) {
        return String.format(
                Locale.ROOT,
                "%s on %s: %.2f s/slice, %d slices",
                result.model().label(),
                result.deviceName().isEmpty() ? device.get() : result.deviceName(),
                result.secondsPerSlice(),
                result.size());
    }

    /** Stops the background work; slices already denoised stay. */
    public void cancel() {
        DenoiseSeriesTask running = task.get();
        if (running != null && running.isRunning()) {
            running.cancel();
        }
    }

    /** Back to the plain viewer: panes show their series' own pixels. */
    public void stop() {
        cancel();
        flicker.stop();
        compare.set(Compare.SIDE_BY_SIDE);
        active.set(false);
        for (SliceViewModel pane : List.of(denoisedPane(), differencePane())) {
            if (pane.derivedProperty().get() != null) {
                pane.showSeries(pane.seriesProperty().get());
            }
        }
        paneSet.link().alignTo(original());
        shown.set(null);
    }

    private void applyCompare() {
        flicker.stop();
        denoisedPane().showOriginalProperty().set(false);
        denoisedPane().swipeProperty().set(Double.NaN);
        if (!active.get()) {
            return;
        }
        switch (compare.get()) {
            case FLICKER -> flicker.play();
            case SWIPE ->
                denoisedPane()
                        .swipeProperty()
                        .set(
                                denoisedPane().hasSeries()
                                        ? denoisedPane().seriesProperty().get().width() / 2.0
                                        : Double.NaN);
            case SIDE_BY_SIDE -> {}
        }
    }

    /**
     * Writes the denoised series on screen as a new DICOM series in a new folder under
     * {@code parent}, denoising first whatever slices are still missing. Queued behind the
     * denoising on the same worker. Returns null (and says why in the status) when there is nothing
     * to export.
     */
    public Task<List<Path>> exportDicom(Path parent, boolean deidentify) {
        DenoisedSeries result = shown.get();
        if (result == null) {
            status.set("Nothing to export: denoise a series first");
            return null;
        }
        Optional<CtStudy> study = studyOf.apply(result.source());
        if (study.isEmpty()) {
            status.set("Cannot export: the study of the denoised series is no longer loaded");
            return null;
        }
        ComputeDevice exportDevice = device.get();
        Path target = parent.resolve(exportFolderName(result));
        Task<List<Path>> job = new Task<>() {
            @Override
            protected List<Path> call() throws Exception {
                updateProgress(result.doneCount(), result.size() + 1);
                updateMessage(String.format(
                        Locale.ROOT,
                        "Export: denoising the %d slices still missing (%s)…",
                        result.size() - result.doneCount(),
                        result.model().label()));
                SeriesDenoising.denoiseRemaining(
                        result,
                        pool.get(result.model(), exportDevice),
                        () -> 0,
                        this::isCancelled,
                        (done, total, perSlice) -> {
                            updateProgress(done, total + 1);
                            updateMessage(String.format(
                                    Locale.ROOT,
                                    "Export: denoising, %d / %d slices (%s)",
                                    done,
                                    total,
                                    result.model().label()));
                        });
                if (isCancelled()) {
                    return List.of();
                }
                updateMessage("Export: writing " + result.size() + " DICOM files to " + target.getFileName() + "…");
                return store.writeDerivedSeries(exportRequest(study.get(), result, deidentify), target);
            }
        };
        // Its own line in the status bar: while the series is still denoising, the export waits behind it on the
        // one worker, and the user must see that it is queued, how far it is, and that it can be cancelled.
        exportStatus.set(queuedMessage(result, target));
        job.messageProperty().addListener((o, was, now) -> exportStatus.set(now));
        job.setOnSucceeded(e -> {
            exportStatus.set("Exported " + job.getValue().size() + " files to " + target);
            status.set(exportStatus.get());
        });
        job.setOnCancelled(e -> exportStatus.set(
                "Export cancelled: nothing written (the slices denoised so far are kept in the viewer)"));
        job.setOnFailed(
                e -> exportStatus.set("Export failed: " + job.getException().getMessage()));
        export.set(job);
        worker.execute(job);
        return job;
    }

    /** What the status bar says as soon as an export is asked for: queued, by which model, how many slices wait. */
    static String queuedMessage(DenoisedSeries result, Path target) {
        int pending = result.size() - result.doneCount();
        return pending == 0
                ? "Export queued: " + result.size() + " slices by "
                        + result.model().label() + " to " + target.getFileName()
                : String.format(
                        Locale.ROOT,
                        "Export queued: %d of %d slices still to denoise with %s, then written to %s",
                        pending,
                        result.size(),
                        result.model().label(),
                        target.getFileName());
    }

    /**
     * The question the Export menu asks before a DICOM export of the shown series: which series, which
     * model, and how many slices the export will wait for.
     */
    public Optional<String> exportQuestion(Path parent) {
        DenoisedSeries result = shown.get();
        if (result == null) {
            return Optional.empty();
        }
        int pending = result.size() - result.doneCount();
        return Optional.of("Export " + result.source().title() + " denoised by "
                + result.model().label()
                + " (" + result.size() + " slices) as a new DICOM series in a new folder under " + parent
                + (pending == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ".%n%d slices are still being denoised: the export waits for them, shows its own"
                                        + " progress in the status bar and can be cancelled there",
                                pending)));
    }

    /** Cancels the export in progress or queued; slices denoised so far stay in the viewer. */
    public void cancelExport() {
        Task<List<Path>> job = export.get();
        if (job != null) {
            job.cancel();
        }
    }

    public ReadOnlyObjectProperty<Task<List<Path>>> exportProperty() {
        return export.getReadOnlyProperty();
    }

    public StringProperty exportStatusProperty() {
        return exportStatus;
    }

    static DerivedSeriesRequest exportRequest(CtStudy study, DenoisedSeries result, boolean deidentify) {
        return DenoisedExport.request(study, result.source(), result.images(), result.model(), deidentify);
    }

    static String exportFolderName(DenoisedSeries result) {
        return DenoisedExport.folderName(result.source(), result.model(), LocalDateTime.now());
    }

    /**
     * The Export menu's DICOM export: asks where the new folder goes and confirms which series, model
     * and pending slices with the de-identification option; null when there is nothing to export or
     * the user cancelled.
     */
    public Task<List<Path>> exportDicomAsking(DialogService dialogs) {
        if (shown.get() == null) {
            status.set("Nothing to export: denoise a series first");
            return null;
        }
        Optional<Path> parent = dialogs.chooseFolder("Export the denoised series: choose where its new folder goes");
        if (parent.isEmpty()) {
            return null;
        }
        Optional<Boolean> deidentify = dialogs.confirm(
                exportQuestion(parent.get()).orElseThrow(), "De-identify (replace names, IDs, dates and UIDs)");
        return deidentify.map(d -> exportDicom(parent.get(), d)).orElse(null);
    }

    /** Asks for a fine-tuned model file and adds it; a refused file is shown with its name and the reason. */
    public Optional<ModelChoice> addModelAsking(DialogService dialogs) {
        Optional<Path> file = dialogs.chooseFile("Add a fine-tuned denoiser", "LangMamba model", "*.lmmd");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(addModel(file.get()));
        } catch (IOException | RuntimeException e) {
            dialogs.showError("This model cannot be added", file.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Registers a fine-tuned model file and selects it; the exception's message says why it was refused. */
    public ModelChoice addModel(Path file) throws IOException {
        ModelChoice added = backend.addModelFile(file);
        models.setAll(backend.models());
        model.set(models.stream()
                .filter(m -> m.id().equals(added.id()))
                .findFirst()
                .orElse(added));
        return added;
    }

    /** The denoised series of {@code source} by the selected model, if it was started. */
    public Optional<DenoisedSeries> resultFor(CtSeries source) {
        ModelChoice chosen = model.get();
        return chosen == null
                ? Optional.empty()
                : Optional.ofNullable(results.get(source.seriesInstanceUid() + "|" + chosen.id()));
    }

    public DenoiserPool pool() {
        return pool;
    }

    public ProcessingBackend backend() {
        return backend;
    }

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public ObjectProperty<ModelChoice> modelProperty() {
        return model;
    }

    public ObservableList<ComputeDevice> devices() {
        return devices;
    }

    public ObjectProperty<ComputeDevice> deviceProperty() {
        return device;
    }

    public BooleanProperty activeProperty() {
        return active;
    }

    public BooleanProperty differenceProperty() {
        return difference;
    }

    public ObjectProperty<Compare> compareProperty() {
        return compare;
    }

    public ReadOnlyObjectProperty<DenoisedSeries> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DenoiseSeriesTask> taskProperty() {
        return task.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }
}
