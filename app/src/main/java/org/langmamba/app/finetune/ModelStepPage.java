package org.langmamba.app.finetune;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.viewer.processing.ModelChoice;

/** Step 2 of the wizard: the SEED model to start from, the training settings and the time they take here. */
final class ModelStepPage {
    private ModelStepPage() {}

    static Node build(FineTuneViewModel model) {
        VBox page = WizardControls.page(
                "Fine-tuning starts from a SEED model; the LangAE encoder stays frozen, as the paper shows it generalises.");
        ChoiceBox<ModelChoice> base = new ChoiceBox<>(model.baseModels());
        base.setId("base-model");
        base.valueProperty().bindBidirectional(model.baseProperty());
        Spinner<Double> lambda =
                WizardControls.doubleSpinner(0, 1, model.lambdaProperty().get(), 0.01);
        WizardControls.follow(lambda, model.lambdaProperty());
        Spinner<Integer> patch = new Spinner<>(16, 256, model.patchProperty().get(), 16);
        patch.setId("patch");
        WizardControls.followInt(patch, model.patchProperty());
        Spinner<Integer> batch = new Spinner<>(1, 16, model.batchProperty().get());
        WizardControls.followInt(batch, model.batchProperty());
        TextField lr = WizardControls.numberField(model.errorProperty(), model.learningRateProperty(), "learning rate");
        TextField budget = WizardControls.numberField(model.errorProperty(), model.budgetProperty(), "budget");
        budget.setId("budget");
        budget.setPrefColumnCount(6);
        ChoiceBox<FineTuneSettings.BudgetUnit> unit = new ChoiceBox<>();
        unit.getItems().setAll(FineTuneSettings.BudgetUnit.values());
        unit.valueProperty().bindBidirectional(model.budgetUnitProperty());
        ChoiceBox<ComputeDevice> device = new ChoiceBox<>(model.devices());
        device.valueProperty().bindBidirectional(model.deviceProperty());
        Button estimate = new Button("Estimate the time");
        estimate.setId("estimate");
        estimate.setOnAction(e -> model.estimate());
        Label estimated = new Label();
        estimated.setId("estimate-result");
        estimated.textProperty().bind(model.estimateProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Start from"), base);
        grid.addRow(1, new Label("λ (LangDA weight)"), lambda);
        grid.addRow(2, new Label("Patch size"), patch);
        grid.addRow(3, new Label("Batch size"), batch);
        grid.addRow(4, new Label("Learning rate"), lr);
        grid.addRow(5, new Label("Budget"), new HBox(6, budget, unit));
        grid.addRow(6, new Label("Device"), device);
        Label data = new Label();
        data.textProperty().bind(model.dataSummaryProperty());
        page.getChildren().addAll(data, grid, new HBox(10, estimate, estimated));
        return page;
    }
}
