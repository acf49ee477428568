package org.langmamba.viewer.workstation;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.SafeFiles;

/** The toolbar's Export menu: the denoised series as DICOM, the view as PNG, the scores as CSV. Never over an existing file. */
final class ExportActions {
    private ExportActions() {}

    static MenuButton menu(WorkstationView view) {
        ViewerViewModel model = view.model();
        MenuButton menu = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        menu.setId("export");
        model.denoising().ifPresent(d -> {
            MenuItem dicom = new MenuItem("Denoised series as DICOM…");
            dicom.setId("export-dicom");
            dicom.setOnAction(e -> exportDicom(view, d));
            menu.getItems().add(dicom);
        });
        MenuItem png = new MenuItem("View as PNG…");
        png.setId("export-png");
        png.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the panes as PNG (a new file)");
            chooser.setInitialFileName("langmamba-view.png");
            File file = chooser.showSaveDialog(view.getScene().getWindow());
            if (file != null) {
                report(view, () -> writePng(view, file.toPath()), "View saved to " + file);
            }
        });
        menu.getItems().add(png);
        model.scores().ifPresent(scores -> {
            MenuItem csv = new MenuItem("Series scores as CSV…");
            csv.setId("export-csv");
            csv.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save the series scores as CSV (a new file)");
                chooser.setInitialFileName("langmamba-scores.csv");
                File file = chooser.showSaveDialog(view.getScene().getWindow());
                if (file != null) {
                    report(view, () -> scores.writeCsv(file.toPath()), "Scores saved to " + file);
                }
            });
            csv.disableProperty()
                    .bind(Bindings.createBooleanBinding(
                            () -> scores.seriesRowsProperty().get().isEmpty(), scores.seriesRowsProperty()));
            menu.getItems().add(csv);
        });
        return menu;
    }

    private static void exportDicom(WorkstationView view, DenoiseViewModel denoising) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the denoised series: choose where its new folder goes");
        File parent = chooser.showDialog(view.getScene().getWindow());
        if (parent == null) {
            return;
        }
        CheckBox deidentify = new CheckBox("De-identify (replace names, IDs, dates and UIDs)");
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText(denoising
                .exportQuestion(parent.toPath())
                .orElse("Export as a new DICOM series in a new folder under " + parent));
        ask.getDialogPane().setContent(deidentify);
        if (ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            denoising.exportDicom(parent.toPath(), deidentify.isSelected());
        }
    }

    /** The pane row as shown, window and overlays included, to a new PNG file. */
    static void writePng(WorkstationView view, Path file) throws IOException {
        WritableImage image = view.paneRow().snapshot(null, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png);
        SafeFiles.writeNew(file, png.toByteArray());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void report(WorkstationView view, IoAction action, String done) {
        try {
            action.run();
            view.model().statusProperty().set(done);
        } catch (IOException e) {
            new Alert(Alert.AlertType.ERROR, e.getMessage()).showAndWait();
        }
    }
}
