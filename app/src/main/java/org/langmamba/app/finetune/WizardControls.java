package org.langmamba.app.finetune;

import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowRenderer;

/** The wizard pages' shared pieces: a page with its intro, spinners and fields bound to properties, charts, slice images. */
final class WizardControls {
    private WizardControls() {}

    static VBox page(String intro) {
        Label text = new Label(intro);
        text.setWrapText(true);
        VBox page = new VBox(10, text);
        page.setPadding(new Insets(10));
        return page;
    }

    static void bindProgress(ProgressBar progress, Label message, Task<?> task) {
        progress.progressProperty().unbind();
        message.textProperty().unbind();
        if (task != null) {
            progress.progressProperty().bind(task.progressProperty());
            message.textProperty().bind(task.messageProperty());
        }
    }

    /** Spinner and property follow each other (the property may be set from elsewhere, e.g. a resumed run). */
    static void follow(Spinner<Double> spinner, DoubleProperty property) {
        spinner.getValueFactory().setValue(property.get());
        spinner.valueProperty().addListener((o, was, now) -> property.set(now));
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.doubleValue()));
    }

    static void followInt(Spinner<Integer> spinner, IntegerProperty property) {
        spinner.getValueFactory().setValue(property.get());
        spinner.valueProperty().addListener((o, was, now) -> property.set(now));
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.intValue()));
    }

    /** A number typed in words the user sees: a value that is not a number is said, not ignored. */
    static TextField numberField(StringProperty error, DoubleProperty property, String what) {
        TextField field = new TextField(Double.toString(property.get()));
        field.textProperty().addListener((o, was, now) -> {
            try {
                property.set(Double.parseDouble(now.trim()));
                error.set("");
            } catch (NumberFormatException e) {
                error.set(what + ": '" + now + "' is not a number");
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

    static Spinner<Double> doubleSpinner(double min, double max, double value, double step) {
        Spinner<Double> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(title.equals("slice") ? 260 : 120);
        return c;
    }

    static LineChart<Number, Number> chart(String title, ObservableList<FineTuneViewModel.Point> points) {
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

    static ImageView imageView(ObservableValue<HuImage> image) {
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
                        WindowRenderer.toArgb(image, Window.ABDOMEN),
                        0,
                        image.width());
        return out;
    }
}
