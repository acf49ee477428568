package org.langmamba.viewer.workstation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.FileProblem;

/**
 * The study browser: every loaded series with patient, study date, description, slice count,
 * thickness and matrix; below it the load report (files not loaded, with their reason, and notes).
 * Double-click shows a series in the active pane; the context menu picks the pane.
 */
public final class StudyBrowserView extends VBox {
    private final TableView<StudyList.SeriesEntry> table = new TableView<>();
    private final ListView<String> report = new ListView<>();
    private final Label reportTitle = new Label();

    public StudyBrowserView(ViewerViewModel model) {
        getStyleClass().add("study-browser");
        setId("study-browser");
        table.setId("series-table");
        report.setId("load-report");
        table.setItems(model.series());
        table.setPlaceholder(new Label("No CT series loaded"));
        table.getColumns()
                .setAll(List.of(
                        column(
                                "Patient",
                                e -> e.study().patient().displayName() + " ("
                                        + e.study().patient().id() + ")"),
                        column("Study date", e -> e.study().displayDate()),
                        column("Study", e -> e.study().description()),
                        column("Series", e -> e.series().title()),
                        numberColumn("Slices", e -> Integer.toString(e.series().size())),
                        column("Kernel", e -> e.series().kernel()),
                        numberColumn("Thk mm", e -> thickness(e.series())),
                        column(
                                "Matrix",
                                e -> e.series().width() + "×" + e.series().height())));
        // Columns as wide as what they hold (a name cut to "SMIT…" is no name); the table scrolls sideways.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        model.series().addListener((ListChangeListener<StudyList.SeriesEntry>) c -> fitColumns());
        fitColumns();
        table.setRowFactory(t -> seriesRow(model));

        reportTitle.getStyleClass().add("section-title");
        report.setPlaceholder(new Label("Every file was loaded"));
        report.setCellFactory(l -> new ListCell<>() {
            {
                // Whole lines, wrapped to the panel: a note cut at "variable slice…" says nothing.
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty ? null : new Tooltip(item));
            }
        });
        ListChangeListener<Object> refresh = c -> refreshReport(model);
        model.problems().addListener(refresh);
        model.notes().addListener(refresh);
        refreshReport(model);

        Label seriesTitle = new Label("Study browser");
        seriesTitle.getStyleClass().add("section-title");
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(report, Priority.SOMETIMES);
        report.setPrefHeight(180);
        getChildren().addAll(seriesTitle, table, reportTitle, report);
        setSpacing(4);
    }

    private TableRow<StudyList.SeriesEntry> seriesRow(ViewerViewModel model) {
        TableRow<StudyList.SeriesEntry> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (!row.isEmpty() && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                model.showInActivePane(row.getItem());
            }
        });
        ContextMenu menu = new ContextMenu();
        for (int i = 0; i < ViewerViewModel.MAX_PANES; i++) {
            int pane = i;
            MenuItem item = new MenuItem("Show in pane " + model.panes().get(i).name());
            item.setOnAction(e -> {
                model.paneCountProperty().set(Math.max(model.paneCountProperty().get(), pane + 1));
                model.showInPane(pane, row.getItem());
            });
            menu.getItems().add(item);
        }
        model.scores().ifPresent(scores -> {
            MenuItem reference = new MenuItem("Use as reference (NDCT) for scores");
            reference.setOnAction(
                    e -> scores.referenceProperty().set(row.getItem().series()));
            menu.getItems().add(reference);
        });
        row.contextMenuProperty()
                .bind(Bindings.when(row.emptyProperty())
                        .then((ContextMenu) null)
                        .otherwise(menu));
        return row;
    }

    private void refreshReport(ViewerViewModel model) {
        List<String> lines = new ArrayList<>();
        for (FileProblem p : model.problems()) {
            lines.add(p.file().getFileName() + " — " + p.reason() + "   [" + p.file() + "]");
        }
        model.notes().forEach(n -> lines.add("Note: " + n));
        report.getItems().setAll(lines);
        reportTitle.setText(String.format(
                Locale.ROOT,
                "Load report: %d file(s) not loaded",
                model.problems().size()));
    }

    private static String thickness(CtSeries s) {
        return Double.isFinite(s.thicknessMm()) ? String.format(Locale.ROOT, "%.2f", s.thicknessMm()) : "—";
    }

    /** A text column; its cells give their whole text as a tooltip (a column may still be narrowed by hand). */
    private static TableColumn<StudyList.SeriesEntry, String> column(
            String title, Function<StudyList.SeriesEntry, String> value) {
        TableColumn<StudyList.SeriesEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return column;
    }

    /** A column shown as text but sorted by number (10 slices after 9, not after 1). */
    private static TableColumn<StudyList.SeriesEntry, String> numberColumn(
            String title, Function<StudyList.SeriesEntry, String> text) {
        TableColumn<StudyList.SeriesEntry, String> column = column(title, text);
        column.setComparator((a, b) -> Double.compare(parse(a), parse(b))); // "—" (NaN) sorts last
        return column;
    }

    private static double parse(String shown) {
        try {
            return Double.parseDouble(shown);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Each column as wide as its widest text or its title, within 40-320 px. */
    private void fitColumns() {
        Text probe = new Text();
        for (TableColumn<StudyList.SeriesEntry, ?> column : table.getColumns()) {
            probe.setText(column.getText());
            double widest = probe.getLayoutBounds().getWidth() + 24; // room for the sort arrow
            for (StudyList.SeriesEntry entry : table.getItems()) {
                Object cell = column.getCellData(entry);
                probe.setText(cell == null ? "" : cell.toString());
                widest = Math.max(widest, probe.getLayoutBounds().getWidth() + 16);
            }
            column.setPrefWidth(Math.max(40, Math.min(320, widest)));
        }
    }

    public TableView<StudyList.SeriesEntry> table() {
        return table;
    }

    public ListView<String> report() {
        return report;
    }
}
