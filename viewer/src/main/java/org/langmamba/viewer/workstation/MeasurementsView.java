package org.langmamba.viewer.workstation;

import java.util.Locale;
import javafx.beans.Observable;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.langmamba.imaging.image.LineProfile;
import org.langmamba.imaging.image.NoisePowerSpectrum;
import org.langmamba.imaging.image.RoiStatistics;
import org.langmamba.viewer.scores.ScoresView;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * The measurement panel under the panes: ROI statistics of every visible pane side by side (the
 * noise comparison a radiologist reads) and the line profiles of all panes in one chart.
 */
public final class MeasurementsView extends HBox {
    private final ViewerViewModel model;
    private final VBox roiBox = new VBox(2);
    private final LineChart<Number, Number> profileChart;
    private final LineChart<Number, Number> noiseChart;
    private final Label profileHint = new Label("Line profile: draw a line with the line tool;"
            + " the profiles of all shown panes appear here, in HU along the line");

    public MeasurementsView(ViewerViewModel model) {
        this.model = model;
        setId("measurements");
        getStyleClass().add("measurements");
        setSpacing(12);
        NumberAxis distance = new NumberAxis();
        distance.setLabel("distance (mm)");
        NumberAxis hu = new NumberAxis();
        hu.setLabel("HU");
        hu.setForceZeroInRange(false);
        profileChart = new LineChart<>(distance, hu);
        profileChart.setId("line-profile");
        profileChart.setCreateSymbols(false);
        profileChart.setAnimated(false);
        profileChart.setLegendVisible(true);
        profileChart.setLegendSide(Side.RIGHT);
        profileChart.setPrefHeight(190);
        // Wide enough to read a profile beside the ROI table and the scores.
        profileChart.setMinWidth(300);
        HBox.setHgrow(profileChart, Priority.ALWAYS);
        profileHint.setId("line-profile-hint");
        profileHint.setWrapText(true);
        profileHint.setMinWidth(160);
        HBox.setHgrow(profileHint, Priority.ALWAYS);
        NumberAxis frequency = new NumberAxis();
        frequency.setLabel("frequency (1/mm)");
        NumberAxis power = new NumberAxis();
        power.setLabel("ROI NPS (HU² mm²)");
        noiseChart = new LineChart<>(frequency, power);
        noiseChart.setId("noise-spectrum");
        noiseChart.setCreateSymbols(false);
        noiseChart.setAnimated(false);
        noiseChart.setLegendVisible(true);
        noiseChart.setLegendSide(Side.RIGHT);
        noiseChart.setPrefHeight(210);
        noiseChart.setMinWidth(360);
        HBox.setHgrow(noiseChart, Priority.ALWAYS);
        roiBox.setPrefWidth(460);
        roiBox.setMinWidth(360);
        Label title = new Label("ROI statistics");
        title.getStyleClass().add("section-title");
        getChildren().addAll(new VBox(4, title, roiBox), noiseChart, profileChart, profileHint);
        model.scores().ifPresent(scores -> getChildren().add(new ScoresView(scores)));

        for (SliceViewModel pane : model.panes()) {
            for (Observable o : new Observable[] {
                pane.roiStatisticsBinding(),
                pane.lineProfileBinding(),
                pane.noiseSpectrumBinding(),
                pane.seriesProperty()
            }) {
                o.addListener(x -> refresh());
            }
        }
        model.paneCountProperty().addListener(x -> refresh());
        refresh();
    }

    private void refresh() {
        roiBox.getChildren().clear();
        profileChart.getData().clear();
        noiseChart.getData().clear();
        for (int i = 0; i < model.paneCountProperty().get(); i++) {
            SliceViewModel pane = model.panes().get(i);
            RoiStatistics stats = pane.roiStatisticsBinding().get();
            // Beside the SD, where the noise power sits: lower means coarser grain (the NPS chart has the curve).
            String grain = pane.noiseSpectrumBinding()
                    .get()
                    .map(nps -> String.format(Locale.ROOT, " (NPS mean %.2f /mm)", nps.meanFrequencyPerMm()))
                    .orElse("");
            String text =
                    pane.hasSeries() && !stats.isEmpty() ? stats.summary(grain) : "draw a rectangle or ellipse ROI";
            Label line = new Label(pane.name() + ":  " + text);
            line.setTooltip(new Tooltip(text));
            line.setId("roi-stats-" + pane.name());
            roiBox.getChildren().add(line);
            pane.noiseSpectrumBinding().get().ifPresent(nps -> {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(pane.name());
                for (NoisePowerSpectrum.RadialBin bin : nps.radial()) {
                    series.getData().add(new XYChart.Data<>(bin.frequencyPerMm(), bin.nps()));
                }
                noiseChart.getData().add(series);
            });
            LineProfile profile = pane.lineProfileBinding().get();
            if (profile != null && profile.size() > 0) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(String.format(Locale.ROOT, "%s (%.1f mm)", pane.name(), profile.lengthMm()));
                for (int k = 0; k < profile.size(); k++) {
                    series.getData().add(new XYChart.Data<>(profile.distanceMm()[k], profile.hu()[k]));
                }
                profileChart.getData().add(series);
            }
        }
        // No line: no chart (an empty chart reads as a flat 0 HU profile), and a hint instead.
        boolean anySpectrum = !noiseChart.getData().isEmpty();
        noiseChart.setVisible(anySpectrum);
        noiseChart.setManaged(anySpectrum);
        boolean anyProfile = !profileChart.getData().isEmpty();
        profileChart.setVisible(anyProfile);
        profileChart.setManaged(anyProfile);
        // The hint only where nothing else is drawn: beside a spectrum it would squeeze it.
        profileHint.setVisible(!anyProfile && !anySpectrum);
        profileHint.setManaged(!anyProfile && !anySpectrum);
    }
}
