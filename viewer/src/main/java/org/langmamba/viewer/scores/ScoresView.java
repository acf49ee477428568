package org.langmamba.viewer.scores;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Scores against the reference (NDCT) series: the slice on screen, and the series on request. */
public final class ScoresView extends VBox {
    public ScoresView(ReferenceScoresViewModel model) {
        super(4);
        setId("scores");
        Label title = new Label("Scores vs reference (NDCT)");
        title.getStyleClass().add("section-title");
        Label current = new Label();
        current.setId("scores-slice");
        current.textProperty().bind(model.currentProperty());
        current.setWrapText(true);
        Label series = new Label();
        series.setId("scores-series");
        series.textProperty().bind(model.seriesProperty());
        series.setWrapText(true);
        Button scoreSeries = new Button("Score series");
        scoreSeries.setId("score-series");
        scoreSeries.setOnAction(e -> model.scoreSeries());
        setPrefWidth(360);
        setMinWidth(300);
        getChildren().addAll(title, current, scoreSeries, series);
        if (model.currentProperty().get().isEmpty()) {
            model.currentProperty().set(model.mismatch().orElse(""));
        }
    }
}
