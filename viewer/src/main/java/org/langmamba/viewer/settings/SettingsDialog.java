package org.langmamba.viewer.settings;

import java.io.File;
import java.util.List;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.langmamba.imaging.device.DevicePreference;

/**
 * Edits the settings kept per user. OK with a wrong field keeps the dialog open and names the
 * field and the reason; the result is the new settings (the caller saves and applies them).
 */
public final class SettingsDialog extends Dialog<WorkstationSettings> {
    public SettingsDialog(WorkstationSettings current, List<String> modelNames) {
        setTitle("Settings");
        setHeaderText("Kept per user in " + WorkstationHome.settingsFile());
        SettingsForm form = SettingsForm.of(current);

        ChoiceBox<String> model = new ChoiceBox<>();
        model.setId("settings-model");
        model.getItems().setAll(modelNames);
        model.setValue(
                modelNames.contains(current.defaultModel()) || modelNames.isEmpty()
                        ? current.defaultModel()
                        : modelNames.get(0));
        ChoiceBox<DevicePreference> device = new ChoiceBox<>();
        device.setId("settings-device");
        device.getItems().setAll(DevicePreference.values());
        device.setValue(current.device());
        TextField folder = new TextField(form.dataFolder());
        folder.setId("settings-data-folder");
        folder.setPrefColumnCount(36);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File start = new File(folder.getText());
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            File chosen = chooser.showDialog(getOwner());
            if (chosen != null) {
                folder.setText(chosen.getAbsolutePath());
            }
        });
        HBox folderRow = new HBox(6, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        TextArea presets = new TextArea(form.presets());
        presets.setId("settings-presets");
        presets.setPrefRowCount(7);
        Label problem = new Label();
        problem.setId("settings-problem");
        problem.getStyleClass().add("problem-text");
        problem.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Default model"), model);
        grid.addRow(1, new Label("Device"), device);
        grid.addRow(2, new Label("Data folder"), folderRow);
        grid.addRow(3, new Label("Window presets\n(key = name ; W ; L)"), presets);
        grid.add(new Label("Presets and the data folder take effect at the next start."), 1, 4);
        grid.add(problem, 1, 5);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        // Validate before closing: a wrong field keeps the dialog and the user's text.
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            try {
                formOf(presets, model, device, folder).toSettings();
            } catch (IllegalArgumentException ex) {
                problem.setText(ex.getMessage());
                e.consume();
            }
        });
        setResultConverter(button ->
                button == ButtonType.OK ? formOf(presets, model, device, folder).toSettings() : null);
    }

    private static SettingsForm formOf(
            TextArea presets, ChoiceBox<String> model, ChoiceBox<DevicePreference> device, TextField folder) {
        return new SettingsForm(presets.getText(), model.getValue(), device.getValue(), folder.getText());
    }
}
