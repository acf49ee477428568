package org.langmamba.app.finetune;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 4 of the wizard: low dose, base and fine-tuned model scored on the validation patients; save and use. */
final class ResultStepPage {
    private ResultStepPage() {}

    static Node build(FineTuneViewModel model) {
        VBox page = WizardControls.page(
                "The low-dose input, the base model and the fine-tuned one on the validation patients,"
                        + " in the window of their body region.");
        Label window = new Label();
        window.setId("result-window");
        TableView<FineTuneRun.SliceComparison> table = new TableView<>();
        table.setId("result-table");
        table.getColumns().add(WizardControls.column("slice", r -> r.slice()));
        table.getColumns()
                .add(WizardControls.column("PSNR low dose", r -> String.format(Locale.ROOT, "%.2f", r.ldctPsnr())));
        table.getColumns()
                .add(WizardControls.column("PSNR base", r -> String.format(Locale.ROOT, "%.2f", r.basePsnr())));
        table.getColumns()
                .add(WizardControls.column("PSNR fine-tuned", r -> String.format(Locale.ROOT, "%.2f", r.tunedPsnr())));
        table.getColumns()
                .add(WizardControls.column("SSIM low dose", r -> String.format(Locale.ROOT, "%.4f", r.ldctSsim())));
        table.getColumns()
                .add(WizardControls.column("SSIM base", r -> String.format(Locale.ROOT, "%.4f", r.baseSsim())));
        table.getColumns()
                .add(WizardControls.column("SSIM fine-tuned", r -> String.format(Locale.ROOT, "%.4f", r.tunedSsim())));
        table.setPrefHeight(170);
        Label summary = new Label();
        summary.setId("result-summary");
        LineChart<Number, Number> perSlice = new LineChart<>(new NumberAxis(), new NumberAxis());
        perSlice.setTitle("PSNR per validation slice (dB)");
        perSlice.setId("result-chart");
        perSlice.setPrefHeight(220);
        Runnable fill = () -> {
            FineTuneRun.Comparison c = model.comparisonProperty().get();
            if (c == null) {
                return;
            }
            table.getItems().setAll(c.slices());
            window.setText("Scored in the " + c.windowDescription());
            summary.setText(String.format(
                    Locale.ROOT,
                    "low dose %s%nbase %s%nfine-tuned %s",
                    c.ldct().format(),
                    c.base().format(),
                    c.tuned().format()));
            XYChart.Series<Number, Number> ldct = new XYChart.Series<>();
            ldct.setName("low dose");
            XYChart.Series<Number, Number> base = new XYChart.Series<>();
            base.setName("base");
            XYChart.Series<Number, Number> tuned = new XYChart.Series<>();
            tuned.setName("fine-tuned");
            for (int i = 0; i < c.slices().size(); i++) {
                ldct.getData().add(new XYChart.Data<>(i + 1, c.slices().get(i).ldctPsnr()));
                base.getData().add(new XYChart.Data<>(i + 1, c.slices().get(i).basePsnr()));
                tuned.getData().add(new XYChart.Data<>(i + 1, c.slices().get(i).tunedPsnr()));
            }
            perSlice.getData().setAll(List.of(ldct, base, tuned));
        };
        model.comparisonProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        TextField name = new TextField();
        name.setId("model-name");
        name.textProperty().bindBidirectional(model.modelNameProperty());
        Button save = new Button("Save model");
        save.setId("save-model");
        save.disableProperty()
                .bind(model.comparisonProperty()
                        .isNull()
                        .or(model.savedModelProperty().isNotNull()));
        save.setOnAction(e -> model.save());
        Button use = new Button("Use it in the viewer");
        use.setId("use-model");
        use.disableProperty().bind(model.savedModelProperty().isNull());
        use.setOnAction(e -> model.useInViewer());
        Label status = new Label();
        status.setId("result-status");
        status.textProperty().bind(model.statusProperty());
        page.getChildren()
                .addAll(window, table, summary, perSlice, new HBox(8, new Label("Name"), name, save, use), status);
        return page;
    }
}
