package org.langmamba.viewer.workstation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.langmamba.viewer.dialogs.DialogService;
import org.langmamba.viewer.dialogs.FxDialogService;
import org.langmamba.viewer.processing.SafeFiles;

/** The toolbar's Export menu: the denoised series as DICOM, the view as PNG, the scores as CSV. Never over an existing file. */
final class ExportActions {
    private ExportActions() {}

    static MenuButton menu(WorkstationView view) {
        ViewerViewModel model = view.model();
        DialogService dialogs = new FxDialogService(() -> view.getScene().getWindow());
        MenuButton menu = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        menu.setId("export");
        model.denoising().ifPresent(d -> {
            MenuItem dicom = new MenuItem("Denoised series as DICOM…");
            dicom.setId("export-dicom");
            dicom.setOnAction(e -> d.exportDicomAsking(dialogs));
            menu.getItems().add(dicom);
        });
        MenuItem png = new MenuItem("View as PNG…");
        png.setId("export-png");
        png.setOnAction(e -> dialogs.chooseNewFile("Save the panes as PNG (a new file)", "langmamba-view.png")
                .ifPresent(file -> {
                    try {
                        writePng(view, file);
                        model.statusProperty().set("View saved to " + file);
                    } catch (IOException ex) {
                        dialogs.showError("The view was not saved", ex.getMessage());
                    }
                }));
        menu.getItems().add(png);
        MenuItem nps = new MenuItem("Noise spectra of the ROI as CSV…");
        nps.setId("export-nps");
        nps.setOnAction(e -> model.writeNoiseCsvAsking(dialogs));
        menu.getItems().add(nps);
        model.scores().ifPresent(scores -> {
            MenuItem csv = new MenuItem("Series scores as CSV…");
            csv.setId("export-csv");
            csv.setOnAction(e -> scores.writeCsvAsking(dialogs)
                    .ifPresent(file -> model.statusProperty().set("Scores saved to " + file)));
            csv.disableProperty()
                    .bind(Bindings.createBooleanBinding(
                            () -> scores.seriesRowsProperty().get().isEmpty(), scores.seriesRowsProperty()));
            menu.getItems().add(csv);
        });
        return menu;
    }

    /** The pane row as shown, window and overlays included, to a new PNG file. */
    static void writePng(WorkstationView view, Path file) throws IOException {
        WritableImage image = view.paneRow().snapshot(null, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png);
        SafeFiles.writeNew(file, png.toByteArray());
    }
}
