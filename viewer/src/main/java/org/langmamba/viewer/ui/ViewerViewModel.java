package org.langmamba.viewer.ui;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.langmamba.viewer.processing.ProcessingBackend;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.langmamba.viewer.dicom.CtSeries;
import org.langmamba.viewer.dicom.CtStudy;
import org.langmamba.viewer.dicom.DicomStudyStore;
import org.langmamba.viewer.dicom.FileProblem;
import org.langmamba.viewer.dicom.StudyLoad;
import org.langmamba.viewer.image.WindowPresets;

/**
 * State of the viewer window: what was loaded (series and the load report), the panes and their
 * lock, the active pane and tool, cine, and the load task in progress.
 */
public final class ViewerViewModel {
    public static final int MAX_PANES = 3;

    private final DicomStudyStore store;
    private final WindowPresets presets;
    private final List<SliceViewModel> panes;
    private final PaneLink link;
    private final CinePlayer cine = new CinePlayer();
    private final IntegerProperty paneCount = new SimpleIntegerProperty(this, "paneCount", 2);
    private final IntegerProperty activePane = new SimpleIntegerProperty(this, "activePane", 0);
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.WINDOW);
    private final ObservableList<SeriesEntry> series = FXCollections.observableArrayList();
    private final ObservableList<FileProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<StudyLoad> studyLoad = new ReadOnlyObjectWrapper<>(this, "studyLoad");
    private final ReadOnlyObjectWrapper<Task<StudyLoad>> loadTask = new ReadOnlyObjectWrapper<>(this, "loadTask");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "study-loader");
        t.setDaemon(true);
        return t;
    });

    /** A series with the study it belongs to, as the study browser lists it. */
    public record SeriesEntry(CtStudy study, CtSeries series) {
    }

    private final DenoiseViewModel denoising;
    private final TokenOverlayViewModel tokens;
    private final ReferenceScoresViewModel scores;

    /** A viewer without networks (no denoising, no token overlay). */
    public ViewerViewModel(DicomStudyStore store, WindowPresets presets) {
        this(store, presets, null);
    }

    /** A viewer whose denoising and token overlay run on {@code backend} (null: none). */
    public ViewerViewModel(DicomStudyStore store, WindowPresets presets, ProcessingBackend backend) {
        this.store = store;
        this.presets = presets;
        this.panes = List.of(new SliceViewModel("A", presets), new SliceViewModel("B", presets),
                new SliceViewModel("C", presets));
        this.link = new PaneLink(panes);
        paneCount.addListener((obs, old, count) -> {
            if (activePane.get() >= count.intValue()) {
                activePane.set(0);
            }
        });
        this.denoising = backend == null ? null : new DenoiseViewModel(this, backend);
        this.tokens = backend == null ? null : new TokenOverlayViewModel(this, backend);
        this.scores = backend == null ? null : new ReferenceScoresViewModel(this, backend.scorer());
    }

    /** PSNR/SSIM/FSIM against a reference series, when this viewer has a scorer. */
    public Optional<ReferenceScoresViewModel> scores() {
        return Optional.ofNullable(scores);
    }

    /** Denoising, when this viewer has networks. */
    public Optional<DenoiseViewModel> denoising() {
        return Optional.ofNullable(denoising);
    }

    /** The token overlay, when this viewer has networks. */
    public Optional<TokenOverlayViewModel> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** The loaded study a series belongs to. */
    public Optional<CtStudy> studyOf(CtSeries s) {
        return series.stream().filter(e -> e.series() == s).map(SeriesEntry::study).findFirst();
    }

    public DicomStudyStore store() {
        return store;
    }

    /** Starts loading {@code inputs} in the background; the result replaces what is shown. */
    public Task<StudyLoad> load(List<Path> inputs) {
        Task<StudyLoad> previous = loadTask.get();
        if (previous != null && previous.isRunning()) {
            previous.cancel();
        }
        LoadStudyTask task = new LoadStudyTask(store, inputs);
        task.setOnSucceeded(e -> accept(task.getValue()));
        task.setOnFailed(e -> status.set("Loading failed: " + task.getException()));
        task.setOnCancelled(e -> status.set("Loading cancelled"));
        loadTask.set(task);
        status.set("Loading " + inputs.size() + " item(s)…");
        background.submit(task);
        return task;
    }

    /** Shows a finished load: lists it, and puts the largest series in pane A and the next in pane B. */
    public void accept(StudyLoad load) {
        cine.stop();
        if (denoising != null) {
            denoising.stop();
        }
        studyLoad.set(load);
        series.setAll(load.studies().stream()
                .flatMap(study -> study.series().stream().map(s -> new SeriesEntry(study, s))).toList());
        problems.setAll(load.problems());
        notes.setAll(load.notes());
        List<SeriesEntry> largestFirst = series.stream()
                .sorted(Comparator.comparingLong((SeriesEntry e) -> (long) e.series().width() * e.series().height() * e.series().size()).reversed())
                .toList();
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i).showSeries(i < largestFirst.size() ? largestFirst.get(i).series() : null);
        }
        activePane.set(0);
        status.set(load.isEmpty() ? "No CT series found: " + load.summary() : load.summary());
    }

    /** Shows {@code entry} in the active pane. */
    public void showInActivePane(SeriesEntry entry) {
        showInPane(activePane.get(), entry);
    }

    public void showInPane(int index, SeriesEntry entry) {
        cine.stop();
        panes.get(index).showSeries(entry.series());
    }

    public SliceViewModel active() {
        return panes.get(activePane.get());
    }

    public void toggleCine() {
        if (cine.playingProperty().get()) {
            cine.stop();
        } else {
            cine.play(active());
        }
    }

    public List<SliceViewModel> panes() {
        return panes;
    }

    public PaneLink link() {
        return link;
    }

    public WindowPresets presets() {
        return presets;
    }

    public CinePlayer cine() {
        return cine;
    }

    public IntegerProperty paneCountProperty() {
        return paneCount;
    }

    public IntegerProperty activePaneProperty() {
        return activePane;
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public ObservableList<SeriesEntry> series() {
        return series;
    }

    public ObservableList<FileProblem> problems() {
        return problems;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ReadOnlyObjectProperty<StudyLoad> studyLoadProperty() {
        return studyLoad.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Task<StudyLoad>> loadTaskProperty() {
        return loadTask.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }
}
