package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.langmamba.app.finetune.FineTuneRun;
import org.langmamba.app.finetune.FineTuneSettings;
import org.langmamba.app.finetune.FineTuneViewModel;
import org.langmamba.app.finetune.FineTuneWizard;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.training.metrics.BodyRegion;
import org.langmamba.training.train.DenoiserTraining;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.settings.SettingsStore;
import org.langmamba.viewer.settings.WorkstationSettings;
import org.langmamba.viewer.workstation.WorkstationView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fine-tuning wizard end to end on a tiny data set: the bundled sample study as normal-dose
 * input with a simulated quarter dose (two usable 512 slices: one patient to train on, one to
 * validate with), a few steps from the shipped LangMamba, the model saved and used by the viewer;
 * and a run stopped at a checkpoint, then resumed by a wizard opened anew.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneWizardTest {
    private WorkstationView view;
    private Path dataFolder;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(SettingsStore.forUser().file());
        dataFolder = WorkstationSettings.defaults().dataFolder();
        deleteRecursively(dataFolder);
        view = WorkstationApp.createView();
        stage.setScene(WorkstationApp.createScene(view));
        stage.show();
    }

    private FineTuneWizard openWizard(FxRobot robot) {
        robot.clickOn("#fine-tune");
        WaitForAsyncUtils.waitForFxEvents();
        return (FineTuneWizard) Window.getWindows().stream()
                .filter(w -> w instanceof FineTuneWizard && w.isShowing())
                .findFirst()
                .orElseThrow();
    }

    private static void waitFor(FineTuneViewModel model, long seconds, BooleanSupplier done) throws Exception {
        WaitForAsyncUtils.waitFor(
                seconds,
                TimeUnit.SECONDS,
                () -> done.getAsBoolean() || !model.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.errorProperty().get()).as("wizard error").isEmpty();
    }

    /** With -Dlangmamba.screenshots=DIR, a picture of the wizard's window for the README. */
    private static void screenshot(FxRobot robot, FineTuneWizard wizard, String name) throws Exception {
        String dir = System.getProperty("langmamba.screenshots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> wizard.getScene().snapshot(null))
                .get();
        ImageIO.write(
                SwingFXUtils.fromFXImage(image, null),
                "png",
                Path.of(dir).resolve(name + ".png").toFile());
    }

    /** Waits for training to finish; any error (a NaN loss or gradient among them, ADR 0008) fails the test. */
    private static void waitForTraining(FineTuneViewModel model, BooleanSupplier done) throws Exception {
        WaitForAsyncUtils.waitFor(
                300,
                TimeUnit.SECONDS,
                () -> done.getAsBoolean() || !model.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.errorProperty().get()).as("wizard error").isEmpty();
    }

    private static void prepareSampleData(FxRobot robot, FineTuneViewModel model) throws Exception {
        robot.interact(() -> {
            model.inputs().addAll(SampleSeries.WITHOUT_VOLUMES);
            model.validationShareProperty().set(0.5);
        });
        robot.clickOn("#prepare-data");
        waitFor(model, 120, () -> model.runProperty().get() != null);
    }

    @Test
    void aSiteFineTunesOnSimulatedDoseSavesTheModelAndTheViewerUsesIt(FxRobot robot) throws Exception {
        FineTuneWizard wizard = openWizard(robot);
        FineTuneViewModel model = wizard.model();

        // 1. Data: the sample study, quarter dose simulated; the 16x16 series is left out with its reason.
        robot.interact(() -> model.inputs().addAll(SampleSeries.WITHOUT_VOLUMES));
        robot.clickOn("#preview-dose");
        waitFor(model, 60, () -> !model.previewNoiseProperty().get().isEmpty());
        assertThat(model.previewNoiseProperty().get()).containsPattern("25% dose adds noise of SD \\d+\\.\\d HU");
        assertThat(model.previewSimulatedProperty().get().width()).isEqualTo(512);
        robot.interact(() -> model.inputs().clear());
        prepareSampleData(robot, model);
        assertThat(robot.lookup("#data-summary").queryLabeled().getText())
                .isEqualTo("training: 1 slices of 1 patients; validation: 1 slices of 1 patients");
        assertThat(model.dataProblems()).anyMatch(p -> p.contains("16x16 is smaller than 64x64"));
        robot.interact(() -> model.previewDose());
        waitFor(model, 60, () -> model.previewOriginalProperty().get() != null);
        screenshot(robot, wizard, "wizard-1-data");

        // 2. Model: start from LangMamba, small patches, a budget of a few steps; the estimate is measured.
        robot.clickOn("#wizard-next");
        assertThat(model.baseProperty().get().name()).isEqualTo("LangMamba");
        assertThat(model.baseModels()).noneMatch(m -> m.name().equals("RED-CNN"));
        robot.interact(() -> {
            model.patchProperty().set(32);
            model.batchProperty().set(2);
            model.budgetProperty().set(0.03); // 128 steps an epoch on one 512 slice: 4 steps
        });
        robot.clickOn("#estimate");
        waitFor(model, 120, () -> !model.estimateProperty().get().isEmpty());
        assertThat(model.estimateProperty().get()).containsPattern("s per step on CPU: 4 steps, about");
        screenshot(robot, wizard, "wizard-2-model");

        // 3. Train: loss per step, validation scores and the preview slice as it goes.
        robot.clickOn("#wizard-next");
        robot.clickOn("#start-training");
        waitForTraining(model, () -> model.trainedProperty().get());
        assertThat(model.losses()).hasSize(4).allMatch(p -> Double.isFinite(p.value()));
        assertThat(model.validationPsnr()).isNotEmpty();
        assertThat(model.trainingPreviewModelProperty().get()).isNotNull();
        screenshot(robot, wizard, "wizard-3-train");

        // 4. Result: base against fine-tuned per validation slice, saved with a card, used by the viewer.
        robot.clickOn("#wizard-next");
        waitFor(model, 120, () -> model.comparisonProperty().get() != null);
        assertThat(model.comparisonProperty().get().slices()).hasSize(1);
        // Issue 20, point 9: a low-dose column, so one sees whether denoising helps, in the window of the body region.
        TableView<?> results = robot.lookup("#result-table").queryAs(TableView.class);
        assertThat(results.getColumns().stream().map(TableColumn::getText))
                .contains("PSNR low dose", "PSNR base", "PSNR fine-tuned", "SSIM low dose");
        String window = robot.lookup("#result-window").queryLabeled().getText();
        BodyRegion region = model.comparisonProperty().get().region();
        assertThat(window).contains(region.window().bounds()).contains(region.label() + " slices");
        robot.interact(() -> model.modelNameProperty().set("site a"));
        robot.clickOn("#save-model");
        Path saved = WorkstationSettings.defaults().modelsFolder().resolve("site-a.lmmd");
        assertThat(saved).exists();
        assertThat(Files.readString(saved.resolveSibling("site-a.md")))
                .contains("fine-tuned SEED")
                .contains("LangMamba")
                .contains("| fine-tuned: site-a |")
                .contains("| low-dose input (no denoising) |")
                .contains(region.window().bounds());
        robot.clickOn("#use-model");
        screenshot(robot, wizard, "wizard-4-result");
        assertThat(view.model().denoising().orElseThrow().modelProperty().get().name())
                .isEqualTo("site-a");
        assertThat(SampleSeries.WITHOUT_VOLUMES.get(0).resolve("CT1_RLE.dcm"))
                .as("inputs untouched")
                .exists();
    }

    /** Sample data prepared, then a short run started: 32² patches, batch 2, 9 steps. */
    private static void startNineStepRun(FxRobot robot, FineTuneViewModel model) throws Exception {
        prepareSampleData(robot, model);
        robot.interact(() -> {
            model.patchProperty().set(32);
            model.batchProperty().set(2);
            model.budgetProperty().set(0.07); // 9 steps
        });
        robot.interact(model::startTraining);
    }

    @Test
    void stopAndKeepEndsTheRunWithAModelAndGoesToItsResult(FxRobot robot) throws Exception {
        FineTuneWizard wizard = openWizard(robot);
        FineTuneViewModel model = wizard.model();
        startNineStepRun(robot, model);
        waitForTraining(model, () -> model.losses().size() >= 2);

        robot.interact(model::stopAndKeepBest);
        waitFor(model, 120, () -> model.trainedProperty().get());

        FineTuneRun run = model.runProperty().get();
        assertThat(run.model()).exists();
        assertThat(model.losses().size()).as("steps trained of 9").isLessThan(9);
        assertThat(model.statusProperty().get()).contains("stopped early");
        waitFor(model, 120, () -> model.comparisonProperty().get() != null);
        assertThat(robot.lookup("#wizard-step-4").tryQuery())
                .as("the result step is shown")
                .isPresent();
    }

    @Test
    void aRunStoppedAtACheckpointIsOfferedAgainAndResumesToItsEnd(FxRobot robot) throws Exception {
        FineTuneWizard wizard = openWizard(robot);
        FineTuneViewModel model = wizard.model();
        startNineStepRun(robot, model);
        waitForTraining(model, () -> model.losses().size() >= 3);
        robot.interact(model::pause);
        waitFor(model, 120, () -> model.pausedProperty().get());
        FineTuneRun run = model.runProperty().get();
        long stoppedAt = model.losses().size();
        assertThat(stoppedAt).isLessThan(9);
        assertThat(run.folder().resolve("run").resolve(DenoiserTraining.CHECKPOINT))
                .exists();
        robot.interact(wizard::close); // training had stopped; as after the app was closed or killed

        // A wizard opened anew (a new view-model, as after a restart) finds the run and resumes it.
        FineTuneViewModel reopened = WaitForAsyncUtils.asyncFx(() -> new FineTuneViewModel(new TestHost(model)))
                .get();
        assertThat(reopened.resumableProperty().get().folder()).isEqualTo(run.folder());
        assertThat(reopened.resumableProperty().get().plannedSteps()).isEqualTo(9);
        robot.interact(() -> reopened.resume(reopened.resumableProperty().get()));
        waitForTraining(reopened, () -> reopened.trainedProperty().get());
        assertThat(reopened.losses()).hasSize((int) (9 - stoppedAt));
        assertThat(reopened.losses().get(0).step()).isEqualTo(stoppedAt + 1);
        assertThat(run.model()).exists();
        assertThat(run.settings().budgetUnit()).isEqualTo(FineTuneSettings.BudgetUnit.EPOCHS);
    }

    /** The same models and folders as the wizard's own host. */
    private final class TestHost implements FineTuneViewModel.Host {
        private final NetworkBackend backend = new NetworkBackend(null);

        TestHost(FineTuneViewModel unused) {}

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
            return dataFolder;
        }

        @Override
        public Path modelsFolder() {
            return dataFolder.resolve("models");
        }

        @Override
        public void useModel(Path file) {}
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
