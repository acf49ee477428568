package org.langmamba.app.finetune;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Step 1 of the wizard: the site's studies, simulated or paired low dose, a one-slice dose preview,
 * and the data set with what was left out and why; offers an unfinished run to resume.
 */
final class DataStepPage {
    private DataStepPage() {}

    static Node build(FineTuneViewModel model, IntConsumer goTo) {
        VBox page = WizardControls.page(
                "Studies of this site: paired low/normal-dose series, or normal-dose series with a simulated low dose. "
                        + "They are only read; the data set is written to the data folder.");
        if (model.resumableProperty().get() != null) {
            FineTuneRun unfinished = model.resumableProperty().get();
            Button resume = new Button("Resume it");
            resume.setId("resume-unfinished");
            resume.setOnAction(e -> {
                model.resume(unfinished);
                goTo.accept(2);
            });
            Button discard = new Button("Not now");
            discard.setOnAction(e -> {
                model.resumableProperty().set(null);
                goTo.accept(0);
            });
            HBox banner = new HBox(
                    10,
                    new Label("An unfinished fine-tuning ("
                            + unfinished.folder().getFileName() + ", " + unfinished.plannedSteps()
                            + " steps planned) can be resumed from its last checkpoint."),
                    resume,
                    discard);
            banner.setAlignment(Pos.CENTER_LEFT);
            banner.getStyleClass().add("wizard-banner");
            page.getChildren().add(banner);
        }
        ListView<Path> inputs = new ListView<>(model.inputs());
        inputs.setId("data-inputs");
        inputs.setPrefHeight(110);
        Button addFolder = new Button("Add folder…");
        addFolder.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(inputs.getScene().getWindow());
            if (dir != null) {
                model.inputs().add(dir.toPath());
            }
        });
        Button addFile = new Button("Add file or DICOMDIR…");
        addFile.setOnAction(e -> {
            List<File> files =
                    new FileChooser().showOpenMultipleDialog(inputs.getScene().getWindow());
            if (files != null) {
                files.forEach(f -> model.inputs().add(f.toPath()));
            }
        });
        Button remove = new Button("Remove");
        remove.setOnAction(
                e -> model.inputs().removeAll(inputs.getSelectionModel().getSelectedItems()));

        ToggleGroup modes = new ToggleGroup();
        RadioButton simulated = new RadioButton("Normal dose only: simulate the low dose at");
        simulated.setId("mode-simulated");
        RadioButton paired =
                new RadioButton("Paired low- and normal-dose series (matched by patient and slice position)");
        paired.setId("mode-paired");
        simulated.setToggleGroup(modes);
        paired.setToggleGroup(modes);
        (model.modeProperty().get() == FineTuneData.Mode.SIMULATED ? simulated : paired).setSelected(true);
        modes.selectedToggleProperty()
                .addListener((o, was, now) -> model.modeProperty()
                        .set(now == paired ? FineTuneData.Mode.PAIRED : FineTuneData.Mode.SIMULATED));
        Spinner<Double> dose =
                WizardControls.doubleSpinner(0.05, 0.9, model.doseProperty().get(), 0.05);
        dose.setId("dose");
        WizardControls.follow(dose, model.doseProperty());
        Button preview = new Button("Preview one slice");
        preview.setId("preview-dose");
        preview.setOnAction(e -> model.previewDose());
        Spinner<Double> share = WizardControls.doubleSpinner(
                0.1, 0.5, model.validationShareProperty().get(), 0.05);
        WizardControls.follow(share, model.validationShareProperty());

        ImageView original = WizardControls.imageView(model.previewOriginalProperty());
        ImageView low = WizardControls.imageView(model.previewSimulatedProperty());
        Label noise = new Label();
        noise.textProperty().bind(model.previewNoiseProperty());

        Button prepare = new Button("Prepare data");
        prepare.setId("prepare-data");
        prepare.setDefaultButton(true);
        prepare.setOnAction(e -> model.prepareData());
        Label summary = new Label();
        summary.setId("data-summary");
        summary.textProperty().bind(model.dataSummaryProperty());
        ListView<String> problems = new ListView<>(model.dataProblems());
        problems.setId("data-problems");
        problems.setPlaceholder(new Label("nothing left out"));
        problems.setPrefHeight(110);

        page.getChildren()
                .addAll(
                        new HBox(8, addFolder, addFile, remove),
                        inputs,
                        new HBox(8, simulated, dose, preview),
                        paired,
                        new HBox(8, new Label("Patients for validation (share):"), share),
                        new HBox(12, original, low, noise),
                        new HBox(12, prepare, summary),
                        new Label("Left out, with the reason:"),
                        problems);
        return page;
    }
}
