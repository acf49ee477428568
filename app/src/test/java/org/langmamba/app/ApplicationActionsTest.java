package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.settings.SettingsStore;
import org.langmamba.viewer.settings.WorkstationSettings;
import org.langmamba.viewer.workstation.WorkstationView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Settings kept per user (in the build's own home folder here: surefire sets langmamba.home) and
 * the About dialog, on the real workstation view with its networks.
 */
@ExtendWith(ApplicationExtension.class)
class ApplicationActionsTest {
    private WorkstationView view;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(SettingsStore.forUser().file());
        view = WorkstationApp.createView();
        stage.setScene(WorkstationApp.createScene(view));
        stage.show();
    }

    @Test
    void theModelAndDeviceChosenInTheToolbarAreTheNextStartsDefaults(FxRobot robot) throws Exception {
        DenoiseViewModel denoising = view.model().denoising().orElseThrow();
        assertThat(denoising.modelProperty().get().name())
                .as("first start: the shipped default")
                .isEqualTo("LangMamba");
        robot.interact(() -> denoising
                .modelProperty()
                .set(denoising.models().stream()
                        .filter(m -> m.name().equals("RED-CNN"))
                        .findFirst()
                        .orElseThrow()));

        WorkstationSettings saved = SettingsStore.forUser().load().settings();
        assertThat(saved.defaultModel()).isEqualTo("RED-CNN");
        if (denoising.devices().contains(ComputeDevice.GPU)) {
            robot.interact(() -> denoising.deviceProperty().set(ComputeDevice.CPU));
            assertThat(SettingsStore.forUser().load().settings().device()).isEqualTo(DevicePreference.CPU);
        } else {
            // A GPU asked for where there is none: the CPU, and the status bar says why.
            robot.interact(() -> denoising.applyDefaults("RED-CNN", DevicePreference.GPU));
            assertThat(denoising.deviceProperty().get()).isEqualTo(ComputeDevice.CPU);
            assertThat(denoising.statusProperty().get())
                    .contains("GPU")
                    .contains("not usable")
                    .contains("CPU");
        }

        WorkstationView next =
                WaitForAsyncUtils.asyncFx(WorkstationApp::createView).get();
        assertThat(next.model().denoising().orElseThrow().modelProperty().get().name())
                .isEqualTo("RED-CNN");
    }

    @Test
    void aboutNamesTheVersionsTheModelChecksumsAndTheDevice(FxRobot robot) {
        robot.clickOn("#about");
        TextArea versions = robot.lookup("#about-versions").queryAs(TextArea.class);
        String text = versions.getText();
        assertThat(text)
                .contains("LangMamba Workstation: " + Versions.APPLICATION)
                .contains("JavaFX: 21.")
                .contains("DJL: 0.33.0")
                .contains("PyTorch 2.5.1")
                .containsPattern("Model LangMamba: .* sha256 [0-9a-f]{64}")
                .containsPattern("Model RED-CNN: .* sha256 [0-9a-f]{64}")
                .contains("In use: LangMamba, ")
                .contains("Logs: " + Path.of(System.getProperty("langmamba.home"), "logs"));
        robot.clickOn("Close");
    }
}
