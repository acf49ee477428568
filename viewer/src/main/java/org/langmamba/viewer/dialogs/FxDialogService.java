package org.langmamba.viewer.dialogs;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX's alerts and choosers, owned by the window {@code owner} gives at the time. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    /** {@code owner}: asked at each dialog, as a view may not be in a window yet when this is made. */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(title);
        alert.initOwner(owner.get());
        alert.showAndWait();
    }

    @Override
    public Optional<Boolean> confirm(String question, String option) {
        CheckBox box = new CheckBox(option);
        box.setId("confirm-option");
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText(question);
        ask.getDialogPane().setContent(box);
        ask.initOwner(owner.get());
        return ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK
                ? Optional.of(box.isSelected())
                : Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseNewFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }
}
