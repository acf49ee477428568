package org.langmamba.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.langmamba.app.finetune.FineTuneViewModel;
import org.langmamba.app.finetune.FineTuneWizard;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.settings.SettingsDialog;
import org.langmamba.viewer.settings.SettingsStore;
import org.langmamba.viewer.settings.WorkstationHome;
import org.langmamba.viewer.settings.WorkstationSettings;
import org.langmamba.viewer.workstation.AboutDialog;
import org.langmamba.viewer.workstation.WorkstationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own toolbar actions, Settings and About, and keeping the settings: the model
 * and device the user picks in the toolbar become the defaults of the next start, and the Settings
 * dialog edits the rest. Saving failures are said in the status bar, never thrown at the user.
 */
final class ApplicationActions {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationActions.class);

    private final WorkstationView view;
    private final SettingsStore store;
    private final NetworkBackend backend;
    private WorkstationSettings settings;
    private FineTuneViewModel fineTuning; // made on first use; outlives its window
    private FineTuneWizard wizard;

    ApplicationActions(
            WorkstationView view, SettingsStore store, WorkstationSettings settings, NetworkBackend backend) {
        this.view = view;
        this.store = store;
        this.settings = settings;
        this.backend = backend;
    }

    /** Applies the saved model and device, follows later choices, and adds the two buttons. */
    void install() {
        view.model().denoising().ifPresent(d -> {
            d.applyDefaults(settings.defaultModel(), settings.device());
            d.modelProperty().addListener((o, was, now) -> {
                if (now != null) {
                    save(settings.withDefaultModel(now.name()));
                }
            });
            d.deviceProperty().addListener((o, was, now) -> {
                if (now != null) {
                    save(settings.withDevice(DevicePreference.of(now)));
                }
            });
        });
        Button preferences = new Button(null, new FontIcon(MaterialDesignC.COG_OUTLINE));
        preferences.setId("settings");
        preferences.setTooltip(new Tooltip("Settings: window presets, default model, device, data folder"));
        preferences.setOnAction(e -> showSettings());
        Button about = new Button(null, new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        about.setId("about");
        about.setTooltip(new Tooltip("About: versions of the app, JavaFX, DJL, PyTorch, the models and the device"));
        about.setOnAction(e -> showAbout());
        Button fineTune = new Button("Fine-tune…", new FontIcon(MaterialDesignS.SCHOOL_OUTLINE));
        fineTune.setId("fine-tune");
        fineTune.setTooltip(new Tooltip("Fine-tune the denoiser on this site's data (wizard)"));
        fineTune.setOnAction(e -> showFineTuning());
        ProgressBar training = new ProgressBar();
        training.setId("fine-tune-progress");
        training.setPrefWidth(90);
        training.setVisible(false);
        training.setTooltip(new Tooltip("Fine-tuning in progress: click Fine-tune… to see it"));
        view.addApplicationActions(training, fineTune, preferences, about);
        fineTuneProgress = training;
    }

    private ProgressBar fineTuneProgress;

    /** The wizard over the one fine-tuning view-model; training goes on when its window is closed. */
    FineTuneWizard showFineTuning() {
        if (fineTuning == null) {
            fineTuning = new FineTuneViewModel(new WizardHost());
            fineTuning.taskProperty().addListener((o, was, task) -> {
                fineTuneProgress.progressProperty().unbind();
                fineTuneProgress.visibleProperty().unbind();
                if (task != null) {
                    fineTuneProgress.progressProperty().bind(task.progressProperty());
                    fineTuneProgress.visibleProperty().bind(fineTuning.trainingProperty());
                }
            });
        }
        if (wizard == null || !wizard.isShowing()) {
            wizard = new FineTuneWizard(fineTuning, view.getScene().getWindow());
        }
        wizard.show();
        wizard.toFront();
        return wizard;
    }

    FineTuneViewModel fineTuning() {
        return fineTuning;
    }

    /** What the wizard needs of the workstation: models, devices, folders, and switching the viewer's model. */
    private final class WizardHost implements FineTuneViewModel.Host {
        @Override
        public List<ModelChoice> models() {
            return backend.models();
        }

        @Override
        public Path modelFile(ModelChoice model) {
            return backend.modelFile(model);
        }

        @Override
        public boolean isCompactSeed(ModelChoice model) {
            return backend.isCompactSeed(model);
        }

        @Override
        public List<ComputeDevice> devices() {
            return backend.devices();
        }

        @Override
        public Path dataFolder() {
            return settings.dataFolder();
        }

        @Override
        public Path modelsFolder() {
            return settings.modelsFolder();
        }

        @Override
        public void useModel(Path file) throws IOException {
            DenoiseViewModel denoising =
                    view.model().denoising().orElseThrow(() -> new IOException("this viewer has no denoising"));
            denoising.addModel(file);
        }
    }

    private void showSettings() {
        var names = view.model()
                .denoising()
                .map(d -> d.models().stream().map(ModelChoice::name).toList())
                .orElse(List.of());
        SettingsDialog dialog = new SettingsDialog(settings, names);
        dialog.initOwner(view.getScene().getWindow());
        dialog.getDialogPane().getStylesheets().addAll(view.getScene().getStylesheets());
        dialog.showAndWait().ifPresent(chosen -> {
            save(chosen);
            view.model().denoising().ifPresent(d -> d.applyDefaults(chosen.defaultModel(), chosen.device()));
        });
    }

    private void showAbout() {
        AboutDialog dialog =
                new AboutDialog(versions(backend, view.model().denoising().orElse(null)));
        dialog.initOwner(view.getScene().getWindow());
        dialog.show();
    }

    /** Everything the About dialog and the self-test report, in reading order. */
    static Map<String, String> versions(NetworkBackend backend, DenoiseViewModel denoising) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("LangMamba Workstation", Versions.application());
        v.put("Java", Versions.java());
        v.put("JavaFX", Versions.javaFx());
        v.putAll(backend.versions());
        if (denoising != null && denoising.modelProperty().get() != null) {
            v.put(
                    "In use",
                    denoising.modelProperty().get().label() + " on "
                            + denoising.deviceProperty().get());
        }
        v.put("Settings", SettingsStore.forUser().file().toString());
        v.put("Logs", WorkstationHome.logs().toString());
        return v;
    }

    private void save(WorkstationSettings next) {
        settings = next;
        try {
            store.save(next);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save settings to {}", store.file(), e);
            view.model().denoising().ifPresent(d -> d.statusProperty().set("Settings not saved: " + e.getMessage()));
        }
    }
}
