package org.langmamba.app.finetune;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.WindowRenderer;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.processing.ModelChoice;

/**
 * The fine-tuning wizard's window: four steps (data, model, train, result) over a
 * {@link FineTuneViewModel}. Not modal, and closing it does not stop training: the view-model
 * lives with the main window, which shows the progress, and reopening shows the run again.
 */
public final class FineTuneWizard extends Stage {
    static final String[] STEPS = {"1  Data", "2  Model", "3  Train", "4  Result"};
    private static final org.langmamba.imaging.image.Window SOFT_TISSUE =
            new org.langmamba.imaging.image.Window(40, 400);

    private final FineTuneViewModel model;
    private final BorderPane root = new BorderPane();
    private final HBox steps = new HBox(18);
    private final Button back = new Button("‹ Back");
    private final Button next = new Button("Next ›");
    private final Label busy = new Label();
    private int current;

    public FineTuneWizard(FineTuneViewModel model, Window owner) {
        this.model = model;
        initOwner(owner);
        setTitle("Fine-tune the denoiser on this site's data");
        for (String s : STEPS) {
            steps.getChildren().add(new Label(s));
        }
        steps.setPadding(new Insets(10));
        Label error = new Label();
        error.setId("wizard-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #ff8a80;");
        error.textProperty().bind(model.errorProperty());
        back.setId("wizard-back");
        next.setId("wizard-next");
        back.setOnAction(e -> show(current - 1));
        next.setOnAction(e -> show(current + 1));
        busy.setId("wizard-busy");
        model.taskProperty().addListener((o, was, task) -> {
            busy.textProperty().unbind();
            if (task != null) {
                busy.textProperty()
                        .bind(Bindings.when(task.runningProperty())
                                .then(task.messageProperty())
                                .otherwise(""));
            }
        });
        HBox buttons = new HBox(10, busy, new Region(), back, next);
        HBox.setHgrow(buttons.getChildren().get(1), Priority.ALWAYS);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(6, error, buttons);
        bottom.setPadding(new Insets(10));
        root.setTop(steps);
        root.setBottom(bottom);
        Scene scene = new Scene(root, 1000, 720);
        scene.getStylesheets().add(SharedResources.url("css/workstation.css").toExternalForm());
        setScene(scene);
        show(
                model.trainingProperty().get() || model.pausedProperty().get()
                        ? 2
                        : model.trainedProperty().get() ? 3 : 0);
        // A run stopped and kept goes straight to its result.
        model.finishedEarlyProperty().addListener((o, was, now) -> {
            if (now) {
                show(3);
            }
        });
    }

    /** Shows step {@code index} (0-3); Next is only possible once that step's work is done. */
    void show(int index) {
        current = Math.max(0, Math.min(STEPS.length - 1, index));
        for (int i = 0; i < STEPS.length; i++) {
            steps.getChildren().get(i).setStyle(i == current ? "-fx-font-weight: bold; -fx-text-fill: #ffb74d;" : "");
        }
        model.errorProperty().set("");
        Node page = switch (current) {
            case 0 -> dataStep();
            case 1 -> modelStep();
            case 2 -> trainStep();
            default -> resultStep();
        };
        page.setId("wizard-step-" + (current + 1));
        root.setCenter(page);
        back.disableProperty().unbind();
        back.disableProperty().bind(model.trainingProperty().or(Bindings.createBooleanBinding(() -> current == 0)));
        next.disableProperty().unbind();
        next.setVisible(current < STEPS.length - 1);
        next.disableProperty()
                .bind(
                        switch (current) {
                            case 0 -> model.runProperty().isNull();
                            case 1 -> model.baseProperty().isNull();
                            case 2 -> model.trainedProperty().not();
                            default -> Bindings.createBooleanBinding(() -> true);
                        });
        if (current == 3
                && model.comparisonProperty().get() == null
                && model.trainedProperty().get()) {
            model.compare();
        }
    }

    public FineTuneViewModel model() {
        return model;
    }

    public int currentStep() {
        return current;
    }

    private Node dataStep() {
        VBox page = page(
                "Studies of this site: paired low/normal-dose series, or normal-dose series with a simulated low dose. "
                        + "They are only read; the data set is written to the data folder.");
        if (model.resumableProperty().get() != null) {
            FineTuneRun unfinished = model.resumableProperty().get();
            Button resume = new Button("Resume it");
            resume.setId("resume-unfinished");
            resume.setOnAction(e -> {
                model.resume(unfinished);
                show(2);
            });
            Button discard = new Button("Not now");
            discard.setOnAction(e -> {
                model.resumableProperty().set(null);
                show(0);
            });
            HBox banner = new HBox(
                    10,
                    new Label("An unfinished fine-tuning ("
                            + unfinished.folder().getFileName() + ", " + unfinished.plannedSteps()
                            + " steps planned) can be resumed from its last checkpoint."),
                    resume,
                    discard);
            banner.setAlignment(Pos.CENTER_LEFT);
            banner.setStyle("-fx-background-color: #3a3f47; -fx-padding: 8;");
            page.getChildren().add(banner);
        }
        ListView<Path> inputs = new ListView<>(model.inputs());
        inputs.setId("data-inputs");
        inputs.setPrefHeight(110);
        Button addFolder = new Button("Add folder…");
        addFolder.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(this);
            if (dir != null) {
                model.inputs().add(dir.toPath());
            }
        });
        Button addFile = new Button("Add file or DICOMDIR…");
        addFile.setOnAction(e -> {
            List<File> files = new FileChooser().showOpenMultipleDialog(this);
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
        Spinner<Double> dose = doubleSpinner(0.05, 0.9, model.doseProperty().get(), 0.05);
        dose.setId("dose");
        follow(dose, model.doseProperty());
        Button preview = new Button("Preview one slice");
        preview.setId("preview-dose");
        preview.setOnAction(e -> model.previewDose());
        Spinner<Double> share =
                doubleSpinner(0.1, 0.5, model.validationShareProperty().get(), 0.05);
        follow(share, model.validationShareProperty());

        ImageView original = imageView(model.previewOriginalProperty());
        ImageView low = imageView(model.previewSimulatedProperty());
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

    private Node modelStep() {
        VBox page = page(
                "Fine-tuning starts from a SEED model; the LangAE encoder stays frozen, as the paper shows it generalises.");
        ChoiceBox<ModelChoice> base = new ChoiceBox<>(model.baseModels());
        base.setId("base-model");
        base.valueProperty().bindBidirectional(model.baseProperty());
        Spinner<Double> lambda = doubleSpinner(0, 1, model.lambdaProperty().get(), 0.01);
        follow(lambda, model.lambdaProperty());
        Spinner<Integer> patch = new Spinner<>(16, 256, model.patchProperty().get(), 16);
        patch.setId("patch");
        followInt(patch, model.patchProperty());
        Spinner<Integer> batch = new Spinner<>(1, 16, model.batchProperty().get());
        followInt(batch, model.batchProperty());
        TextField lr = numberField(model.learningRateProperty(), "learning rate");
        TextField budget = numberField(model.budgetProperty(), "budget");
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

    private Node trainStep() {
        VBox page = page(
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
        model.taskProperty().addListener((o, was, task) -> bindProgress(progress, message, task));
        bindProgress(progress, message, model.taskProperty().get());

        LineChart<Number, Number> loss = chart("training loss", model.losses());
        loss.setId("loss-chart");
        LineChart<Number, Number> psnr = chart("validation PSNR (dB)", model.validationPsnr());
        psnr.setId("psnr-chart");
        LineChart<Number, Number> ssim = chart("validation SSIM", model.validationSsim());
        ImageView low = imageView(model.trainingPreviewLowProperty());
        ImageView now = imageView(model.trainingPreviewModelProperty());
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

    private Node resultStep() {
        VBox page = page("The low-dose input, the base model and the fine-tuned one on the validation patients,"
                + " in the window of their body region.");
        Label window = new Label();
        window.setId("result-window");
        TableView<FineTuneRun.SliceComparison> table = new TableView<>();
        table.setId("result-table");
        table.getColumns().add(column("slice", r -> r.slice()));
        table.getColumns().add(column("PSNR low dose", r -> String.format(Locale.ROOT, "%.2f", r.ldctPsnr())));
        table.getColumns().add(column("PSNR base", r -> String.format(Locale.ROOT, "%.2f", r.basePsnr())));
        table.getColumns().add(column("PSNR fine-tuned", r -> String.format(Locale.ROOT, "%.2f", r.tunedPsnr())));
        table.getColumns().add(column("SSIM low dose", r -> String.format(Locale.ROOT, "%.4f", r.ldctSsim())));
        table.getColumns().add(column("SSIM base", r -> String.format(Locale.ROOT, "%.4f", r.baseSsim())));
        table.getColumns().add(column("SSIM fine-tuned", r -> String.format(Locale.ROOT, "%.4f", r.tunedSsim())));
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

    // ---- small helpers -----------------------------------------------------------------------

    private static VBox page(String intro) {
        Label text = new Label(intro);
        text.setWrapText(true);
        VBox page = new VBox(10, text);
        page.setPadding(new Insets(10));
        return page;
    }

    private static void bindProgress(ProgressBar progress, Label message, Task<?> task) {
        progress.progressProperty().unbind();
        message.textProperty().unbind();
        if (task != null) {
            progress.progressProperty().bind(task.progressProperty());
            message.textProperty().bind(task.messageProperty());
        }
    }

    /** Spinner and property follow each other (the property may be set from elsewhere, e.g. a resumed run). */
    private static void follow(Spinner<Double> spinner, DoubleProperty property) {
        spinner.getValueFactory().setValue(property.get());
        spinner.valueProperty().addListener((o, was, now) -> property.set(now));
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.doubleValue()));
    }

    private static void followInt(Spinner<Integer> spinner, IntegerProperty property) {
        spinner.getValueFactory().setValue(property.get());
        spinner.valueProperty().addListener((o, was, now) -> property.set(now));
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.intValue()));
    }

    /** A number typed in words the user sees: a value that is not a number is said, not ignored. */
    private TextField numberField(DoubleProperty property, String what) {
        TextField field = new TextField(Double.toString(property.get()));
        field.textProperty().addListener((o, was, now) -> {
            try {
                property.set(Double.parseDouble(now.trim()));
                model.errorProperty().set("");
            } catch (NumberFormatException e) {
                model.errorProperty().set(what + ": '" + now + "' is not a number");
            }
        });
        property.addListener((o, was, now) -> {
            try {
                if (Double.parseDouble(field.getText().trim()) == now.doubleValue()) {
                    return;
                }
            } catch (NumberFormatException e) {
                // replaced below
            }
            field.setText(Double.toString(now.doubleValue()));
        });
        return field;
    }

    private static Spinner<Double> doubleSpinner(double min, double max, double value, double step) {
        Spinner<Double> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(title.equals("slice") ? 260 : 120);
        return c;
    }

    private static LineChart<Number, Number> chart(String title, ObservableList<FineTuneViewModel.Point> points) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(points == null || title.contains("validation"));
        chart.setPrefHeight(220);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        points.forEach(p -> series.getData().add(new XYChart.Data<>(p.step(), p.value())));
        points.addListener((ListChangeListener<FineTuneViewModel.Point>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && points.isEmpty()) {
                    series.getData().clear();
                }
                for (FineTuneViewModel.Point p : change.getAddedSubList()) {
                    series.getData().add(new XYChart.Data<>(p.step(), p.value()));
                }
            }
        });
        chart.getData().add(series);
        return chart;
    }

    private static ImageView imageView(ObservableValue<HuImage> image) {
        ImageView view = new ImageView();
        view.setFitWidth(220);
        view.setFitHeight(220);
        view.setPreserveRatio(true);
        Runnable draw = () -> view.setImage(image.getValue() == null ? null : render(image.getValue()));
        image.addListener((o, was, now) -> draw.run());
        draw.run();
        return view;
    }

    static WritableImage render(HuImage image) {
        WritableImage out = new WritableImage(image.width(), image.height());
        out.getPixelWriter()
                .setPixels(
                        0,
                        0,
                        image.width(),
                        image.height(),
                        PixelFormat.getIntArgbInstance(),
                        WindowRenderer.toArgb(image, SOFT_TISSUE),
                        0,
                        image.width());
        return out;
    }
}
