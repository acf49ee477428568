package org.langmamba.app.finetune;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Step 3 of the wizard: start, pause, resume or stop-and-keep the run, with its live curves and a validation slice. */
final class TrainStepPage {
    private TrainStepPage() {}

    static Node build(FineTuneViewModel model) {
        VBox page = WizardControls.page(
                "Training runs in the background: closing this window leaves it running (progress in the main window). "
                        + "Checkpoints are written as it goes; a run the app did not finish is offered again.");
        Button start = new Button("Start training");
        start.setId("start-training");
        start.setOnAction(e -> model.startTraining());
        start.disableProperty()
                .bind(model.trainingProperty().or(model.pausedProperty()).or(model.trainedProperty()));
        Button pause = new Button("Pause");
        pause.setId("pause-training");
        pause.setOnAction(e -> model.pause());
        pause.disableProperty().bind(model.trainingProperty().not());
        Button resume = new Button("Resume");
        resume.setId("resume-training");
        resume.setOnAction(e -> model.resume());
        resume.disableProperty().bind(model.pausedProperty().not().or(model.trainingProperty()));
        // Issue 20: a run must be stoppable and kept, not only paused.
        Button keep = new Button("Stop and keep the best");
        keep.setId("finish-training");
        keep.setTooltip(new Tooltip("End the run now; the model is the weights of its best validation so far"));
        keep.setOnAction(e -> model.stopAndKeepBest());
        keep.disableProperty()
                .bind(model.trainingProperty().or(model.pausedProperty()).not().or(model.trainedProperty()));
        ProgressBar progress = new ProgressBar(0);
        progress.setId("training-progress");
        progress.setPrefWidth(300);
        Label message = new Label();
        message.setId("training-message");
        model.taskProperty().addListener((o, was, task) -> WizardControls.bindProgress(progress, message, task));
        WizardControls.bindProgress(progress, message, model.taskProperty().get());

        LineChart<Number, Number> loss = WizardControls.chart("training loss", model.losses());
        loss.setId("loss-chart");
        LineChart<Number, Number> psnr = WizardControls.chart("validation PSNR (dB)", model.validationPsnr());
        psnr.setId("psnr-chart");
        LineChart<Number, Number> ssim = WizardControls.chart("validation SSIM", model.validationSsim());
        ImageView low = WizardControls.imageView(model.trainingPreviewLowProperty());
        ImageView now = WizardControls.imageView(model.trainingPreviewModelProperty());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        HBox charts = new HBox(8, loss, psnr, ssim);
        charts.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));
        page.getChildren()
                .addAll(
                        new HBox(10, start, pause, resume, keep, progress, message),
                        charts,
                        new Label("Validation slice: low dose | current model"),
                        new HBox(12, low, now),
                        status);
        return page;
    }
}
