package org.langmamba.app.finetune;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.langmamba.resources.SharedResources;

/**
 * The fine-tuning wizard's window: four steps (data, model, train, result) over a
 * {@link FineTuneViewModel}. Not modal, and closing it does not stop training: the view-model
 * lives with the main window, which shows the progress, and reopening shows the run again.
 */
public final class FineTuneWizard extends Stage {
    static final String[] STEPS = {"1  Data", "2  Model", "3  Train", "4  Result"};

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
        error.getStyleClass().add("problem-text");
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
            steps.getChildren().get(i).getStyleClass().remove("wizard-step-current");
            if (i == current) {
                steps.getChildren().get(i).getStyleClass().add("wizard-step-current");
            }
        }
        model.errorProperty().set("");
        Node page = switch (current) {
            case 0 -> DataStepPage.build(model, this::show);
            case 1 -> ModelStepPage.build(model);
            case 2 -> TrainStepPage.build(model);
            default -> ResultStepPage.build(model);
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
}
