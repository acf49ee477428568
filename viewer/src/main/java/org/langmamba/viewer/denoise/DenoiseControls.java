package org.langmamba.viewer.denoise;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.viewer.dialogs.FxDialogService;
import org.langmamba.viewer.processing.ModelChoice;

/** The toolbar's denoising group: denoise, model, device, difference pane, compare mode, back to original. */
public final class DenoiseControls {
    private DenoiseControls() {}

    public static List<Node> create(DenoiseViewModel model) {
        Button denoise = new Button("Denoise", new FontIcon(MaterialDesignA.AUTO_FIX));
        denoise.setId("denoise");
        denoise.setTooltip(new Tooltip("Denoise the slice on screen now and the whole series in the background (D)"));
        denoise.setOnAction(e -> model.denoise());

        ComboBox<ModelChoice> models = new ComboBox<>(model.models());
        models.setId("denoise-model");
        models.valueProperty().bindBidirectional(model.modelProperty());
        models.setTooltip(new Tooltip("Denoising model; results are kept per model, switching back costs nothing"));
        models.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  (" + item.version() + ")");
                setTooltip(empty || item == null ? null : new Tooltip(item.description()));
            }
        });

        Button addModel = new Button(null, new FontIcon(MaterialDesignM.MENU_OPEN));
        addModel.setId("denoise-add-model");
        addModel.setTooltip(new Tooltip("Add a fine-tuned model file (.lmmd)"));
        addModel.setOnAction(e -> model.addModelAsking(
                new FxDialogService(() -> addModel.getScene().getWindow())));

        ChoiceBox<ComputeDevice> device = new ChoiceBox<>(model.devices());
        device.setId("denoise-device");
        device.valueProperty().bindBidirectional(model.deviceProperty());
        device.setTooltip(new Tooltip("Where the network runs"));

        ToggleButton difference = new ToggleButton("Diff", new FontIcon(MaterialDesignI.IMAGE_FILTER_HDR));
        difference.setId("denoise-difference");
        difference.setTooltip(new Tooltip("Third pane: denoised − original, in a symmetric window of its own"));
        difference.selectedProperty().bindBidirectional(model.differenceProperty());

        ChoiceBox<DenoiseViewModel.Compare> compare = new ChoiceBox<>();
        compare.getItems().setAll(DenoiseViewModel.Compare.values());
        compare.setId("denoise-compare");
        compare.valueProperty().bindBidirectional(model.compareProperty());
        compare.setConverter(new StringConverter<>() {
            @Override
            public String toString(DenoiseViewModel.Compare c) {
                return c == null
                        ? ""
                        : switch (c) {
                            case SIDE_BY_SIDE -> "Side by side";
                            case FLICKER -> "Flicker";
                            case SWIPE -> "Swipe";
                        };
            }

            @Override
            public DenoiseViewModel.Compare fromString(String s) {
                return null;
            }
        });
        compare.setTooltip(
                new Tooltip("Pane B: side by side, flicker between original and denoised, or a swipe divider to drag"));

        Button original = new Button(null, new FontIcon(MaterialDesignI.IMAGE_OUTLINE));
        original.setId("denoise-off");
        original.setTooltip(new Tooltip("Back to the original series in every pane (results are kept)"));
        original.setOnAction(e -> model.stop());
        original.disableProperty().bind(model.activeProperty().not());

        return List.of(new Label("Denoising"), denoise, models, addModel, device, difference, compare, original);
    }
}
