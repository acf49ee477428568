package org.langmamba.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.WorkerStateEvent;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.settings.SettingsStore;
import org.langmamba.viewer.settings.WorkstationSettings;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.workstation.StudyList;
import org.langmamba.viewer.workstation.ViewerFeatures;
import org.langmamba.viewer.workstation.ViewerViewModel;
import org.langmamba.viewer.workstation.WorkstationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one window holding the {@link WorkstationView}. */
public final class WorkstationApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkstationApp.class);

    /** What the command line asked for. */
    record Options(List<Path> inputs, int panes, Path snapshot, StartView startView) {}

    /** What to show once the study is loaded (for documentation pictures and for a quick start). */
    record StartView(
            String denoise,
            boolean difference,
            String compare,
            Integer tokenLevel,
            boolean tokenChanges,
            Integer slice,
            int[] roi,
            boolean mpr) {
        static final StartView PLAIN = new StartView(null, false, null, null, false, null, null, false);
    }

    private static volatile Options options = new Options(List.of(), 2, null, StartView.PLAIN);
    private static volatile int exitCode = 0;

    static void configure(Options o) {
        options = o;
    }

    static int exitCode() {
        return exitCode;
    }

    /** Builds the workstation content for a scene; shared by the app and its tests. */
    public static WorkstationView createView() {
        SettingsStore store = SettingsStore.forUser();
        SettingsStore.Loaded loaded = store.load();
        loaded.problem().ifPresent(problem -> LOG.warn("{}", problem));
        WorkstationSettings settings = loaded.settings();
        NetworkBackend backend = new NetworkBackend(settings.modelsFolder());
        ViewerViewModel model =
                viewerModel(new PixelMedStudyStore(), settings.presets(), backend, Workers::singleThread);
        WorkstationView view = new WorkstationView(model);
        new ApplicationActions(view, store, settings, backend).install();
        loaded.problem()
                .ifPresent(problem ->
                        model.denoising().ifPresent(d -> d.statusProperty().set(problem)));
        return view;
    }

    /**
     * The viewer's view-model and its features, built here and wired to one another through the panes
     * and the study list they share (ADR 0011): the viewer's view-model receives the features and
     * never builds them. Each feature's long work runs on {@code workers.apply(name)}; tests pass
     * {@code name -> Workers.SAME_THREAD}.
     */
    public static ViewerViewModel viewerModel(
            DicomStudyStore store,
            WindowPresets presets,
            ProcessingBackend backend,
            Function<String, Executor> workers) {
        PaneSet panes = new PaneSet(presets);
        StudyList studies = new StudyList();
        ViewerFeatures features = ViewerFeatures.on(backend, panes, store, studies, workers);
        return new ViewerViewModel(store, panes, studies, features, workers.apply("study-loader"));
    }

    public static Scene createScene(WorkstationView view) {
        Scene scene = new Scene(view, 1500, 900);
        scene.getStylesheets().add(SharedResources.url("css/workstation.css").toExternalForm());
        return scene;
    }

    @Override
    public void start(Stage stage) {
        WorkstationView view = createView();
        Scene scene = createScene(view);
        stage.setTitle("LangMamba Workstation");
        stage.setScene(scene);
        stage.show();

        ViewerViewModel model = view.model();
        model.paneCountProperty().set(options.panes());
        List<Path> inputs = options.inputs().isEmpty() ? List.of(SharedResources.sampleStudy()) : options.inputs();
        var task = view.open(inputs);
        // Added, not set: the view-model's own success handler must still show the study.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            StartViewSetup.apply(view, options.startView());
            if (options.snapshot() != null) {
                StartViewSetup.whenSettled(view, () -> saveSnapshotAndExit(scene, options.snapshot()));
            }
        });
        if (options.snapshot() != null) {
            task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
                LOG.error("loading failed", task.getException());
                exitCode = 1;
                Platform.exit();
            });
        }
    }

    /** Closing the window or {@code --snapshot}'s exit: background work leaves the network first. */
    @Override
    public void stop() {
        if (!Workers.stopAll(Duration.ofSeconds(30))) {
            LOG.warn("background work still running after 30 s at exit");
        }
    }

    private static void saveSnapshotAndExit(Scene scene, Path target) {
        try {
            WritableImage image = scene.snapshot(null);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png);
            AtomicFiles.write(png.toByteArray(), target);
            System.out.println("snapshot written to " + target);
        } catch (IOException e) {
            LOG.error("cannot write snapshot {}", target, e);
            exitCode = 1;
        }
        Platform.exit();
    }
}
