package org.langmamba.viewer.workstation;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.WindowPreset;
import org.langmamba.viewer.denoise.DenoiseControls;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.slice.CinePlayer;
import org.langmamba.viewer.slice.SliceView;
import org.langmamba.viewer.slice.SliceViewModel;
import org.langmamba.viewer.slice.Tool;
import org.langmamba.viewer.tokens.TokenOverlayPainter;
import org.langmamba.viewer.tokens.TokenPanelView;

/**
 * The main window's content: toolbar, study browser, two or three linked slice panes, the
 * measurement panel and a status bar with the load task's progress. Layout and wiring only;
 * behaviour lives in {@link ViewerViewModel} and {@link SliceViewModel}.
 */
public final class WorkstationView extends BorderPane {
    private final ViewerViewModel model;
    private final List<SliceView> sliceViews = new ArrayList<>();
    private final HBox paneBox = new HBox(4);
    private final StatusBar statusBar = new StatusBar();
    private final StudyBrowserView browser;
    private final KeyBindings keys;

    public WorkstationView(ViewerViewModel model) {
        this.model = model;
        getStyleClass().add("workstation");
        setId("workstation");
        for (int i = 0; i < ViewerViewModel.MAX_PANES; i++) {
            int index = i;
            SliceView view = new SliceView(
                    model.panes().get(i),
                    model.toolProperty(),
                    () -> model.activePaneProperty().set(index));
            view.activeProperty().bind(model.activePaneProperty().isEqualTo(i));
            HBox.setHgrow(view, Priority.ALWAYS);
            model.tokens().ifPresent(tokens -> view.setOverlay(new TokenOverlayPainter(tokens)));
            sliceViews.add(view);
        }
        model.paneCountProperty().addListener(o -> layoutPanes());
        layoutPanes();

        browser = new StudyBrowserView(model);
        MeasurementsView measurements = new MeasurementsView(model);
        VBox center = new VBox(4, paneBox, measurements);
        VBox.setVgrow(paneBox, Priority.ALWAYS);
        SplitPane split = new SplitPane(browser, center);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.33);
        SplitPane.setResizableWithParent(browser, false);
        model.tokens().ifPresent(tokens -> {
            TokenPanelView panel = new TokenPanelView(tokens);
            split.getItems().add(panel);
            split.setDividerPositions(0.2, 0.82);
            SplitPane.setResizableWithParent(panel, false);
        });

        setTop(toolbars());
        setCenter(split);
        setBottom(statusBar);
        bindStatusBar();

        keys = KeyBindings.standard(model, () -> activeView().fit());
        addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private void keyPressed(KeyEvent e) {
        // Text inputs (the fps spinner) keep their keys.
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        keys.handle(e);
    }

    private void layoutPanes() {
        paneBox.getChildren()
                .setAll(sliceViews.subList(0, model.paneCountProperty().get()));
    }

    public ViewerViewModel model() {
        return model;
    }

    public SliceView activeView() {
        return sliceViews.get(model.activePaneProperty().get());
    }

    public List<SliceView> sliceViews() {
        return sliceViews;
    }

    public StudyBrowserView browser() {
        return browser;
    }

    private ToolBar toolbar() {
        Button openFolder =
                button("Open folder", MaterialDesignF.FOLDER_OPEN, "Open a study folder (read recursively)");
        openFolder.setOnAction(e -> chooseFolder());
        Button openFiles =
                button("Open files", MaterialDesignF.FILE_MULTIPLE, "Open one or more DICOM files, or a DICOMDIR");
        openFiles.setOnAction(e -> chooseFiles());

        ToggleGroup layout = new ToggleGroup();
        ToggleButton one = toggle("1", MaterialDesignS.SQUARE_OUTLINE, "One pane", layout);
        ToggleButton two = toggle("2", MaterialDesignV.VIEW_SPLIT_VERTICAL, "Two panes side by side", layout);
        ToggleButton three = toggle("3", MaterialDesignV.VIEW_COLUMN, "Three panes", layout);
        one.setOnAction(e -> model.paneCountProperty().set(1));
        two.setOnAction(e -> model.paneCountProperty().set(2));
        three.setOnAction(e -> model.paneCountProperty().set(3));
        model.paneCountProperty()
                .addListener(
                        (o, was, n) -> layout.selectToggle(n.intValue() == 1 ? one : n.intValue() == 2 ? two : three));
        layout.selectToggle(
                model.paneCountProperty().get() == 1
                        ? one
                        : model.paneCountProperty().get() == 2 ? two : three);

        ToggleButton lock = new ToggleButton();
        lock.setId("lock-panes");
        // The state in words and in colour (workstation.css), not only in the icon: issue 20 found it hard to see.
        lock.textProperty()
                .bind(Bindings.when(lock.selectedProperty()).then("Locked").otherwise("Unlocked"));
        lock.setTooltip(new Tooltip("Lock scroll, zoom, pan, W/L and measurements across panes (L)"));
        lock.selectedProperty().bindBidirectional(model.link().lockedProperty());
        lock.graphicProperty()
                .bind(Bindings.when(lock.selectedProperty())
                        .then((Node) new FontIcon(MaterialDesignL.LOCK))
                        .otherwise(new FontIcon(MaterialDesignL.LOCK_OPEN_VARIANT)));
        lock.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                model.link().alignTo(model.active());
            }
        });

        ToggleButton mpr = new ToggleButton("MPR", new FontIcon(MaterialDesignA.AXIS_ARROW));
        mpr.setId("mpr");
        mpr.setTooltip(
                new Tooltip("Axial, coronal and sagittal of the active pane's series, with cross-reference lines (M);"
                        + " N swaps them to the denoised series at the same planes"));
        mpr.setOnAction(e -> {
            model.toggleMpr(mpr.isSelected());
            mpr.setSelected(model.mpr().activeProperty().get()); // refused (one slice, not axial): not pressed
        });
        model.mpr().activeProperty().addListener((o, was, now) -> mpr.setSelected(now));

        ToggleGroup tools = new ToggleGroup();
        List<Node> toolButtons = new ArrayList<>();
        for (Tool t : Tool.values()) {
            ToggleButton b = toggle(null, iconFor(t), t.label(), tools);
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setOnAction(e -> model.toolProperty().set(t));
            b.setSelected(model.toolProperty().get() == t);
            model.toolProperty().addListener((o, was, now) -> b.setSelected(now == t));
            toolButtons.add(b);
        }

        MenuButton presets = new MenuButton("W/L");
        presets.setId("window-presets");
        presets.setGraphic(new FontIcon(MaterialDesignC.CONTRAST_BOX));
        for (WindowPreset p : model.presets().all()) {
            MenuItem item = new MenuItem(p.label());
            item.setOnAction(e -> model.active().applyPreset(p.key()));
            presets.getItems().add(item);
        }
        MenuItem stored = new MenuItem("Stored in file (default)");
        stored.setOnAction(e -> {
            SliceViewModel pane = model.active();
            if (pane.hasSeries()) {
                pane.windowProperty()
                        .set(pane.defaultWindow(pane.seriesProperty().get()));
            }
        });
        presets.getItems().add(stored);

        Button fit = button(null, MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit to pane (F)");
        fit.setOnAction(e -> activeView().fit());
        Button actual = button("1:1", null, "One image pixel per screen pixel (A)");
        actual.setOnAction(e -> model.active().actualSize());

        ToggleButton cine = new ToggleButton();
        cine.setId("cine");
        cine.setTooltip(new Tooltip("Cine: play the active pane's slices (C or Space)"));
        cine.selectedProperty().bindBidirectional(model.cine().playingProperty());
        cine.setOnAction(e -> {
            if (cine.isSelected()) {
                model.cine().play(model.active());
            }
        });
        cine.graphicProperty()
                .bind(Bindings.when(cine.selectedProperty())
                        .then((Node) new FontIcon(MaterialDesignS.STOP))
                        .otherwise(new FontIcon(MaterialDesignP.PLAY)));
        Spinner<Integer> fps = new Spinner<>(
                CinePlayer.MIN_FPS,
                CinePlayer.MAX_FPS,
                model.cine().framesPerSecondProperty().get());
        fps.setEditable(true);
        fps.setPrefWidth(70);
        fps.setTooltip(new Tooltip("Cine rate, frames per second"));
        fps.valueProperty()
                .addListener(
                        (o, was, now) -> model.cine().framesPerSecondProperty().set(now));

        List<Node> items = new ArrayList<>(
                List.of(openFolder, openFiles, new Separator(), one, two, three, lock, mpr, new Separator()));
        items.addAll(toolButtons);
        items.addAll(List.of(new Separator(), presets, fit, actual, new Separator(), cine, fps, new Label("fps")));
        ToolBar bar = new ToolBar(items.toArray(Node[]::new));
        bar.setId("toolbar");
        return bar;
    }

    /** Buttons of the application (settings, about) at the right end of the main toolbar. */
    public void addApplicationActions(Node... actions) {
        ToolBar bar = (ToolBar) lookup("#toolbar");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar.getItems().add(spacer);
        bar.getItems().addAll(actions);
    }

    /** The viewer's toolbar, and under it the processing one (denoise, compare, export) when there are networks. */
    private Node toolbars() {
        ToolBar viewer = toolbar();
        List<Node> processing = new ArrayList<>();
        model.denoising().ifPresent(d -> processing.addAll(DenoiseControls.create(d)));
        processing.add(new Separator());
        processing.add(ExportActions.menu(this));
        ToolBar second = new ToolBar(processing.toArray(Node[]::new));
        second.setId("processing-toolbar");
        return new VBox(viewer, second);
    }

    private static Ikon iconFor(Tool tool) {
        return switch (tool) {
            case WINDOW -> MaterialDesignC.CONTRAST_BOX;
            case PAN -> MaterialDesignP.PAN;
            case ZOOM -> MaterialDesignM.MAGNIFY;
            case ROI_RECTANGLE -> MaterialDesignS.SHAPE_RECTANGLE_PLUS;
            case ROI_ELLIPSE -> MaterialDesignC.CIRCLE_OUTLINE;
            case LINE -> MaterialDesignV.VECTOR_LINE;
        };
    }

    private void bindStatusBar() {
        statusBar.setId("status-bar");
        statusBar
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String pointer = model.panes().stream()
                                    .map(p -> p.pointerReadoutProperty().get())
                                    .filter(s -> !s.isEmpty())
                                    .findFirst()
                                    .orElse("");
                            return pointer.isEmpty() ? model.statusProperty().get() : pointer;
                        },
                        model.statusProperty(),
                        model.panes().get(0).pointerReadoutProperty(),
                        model.panes().get(1).pointerReadoutProperty(),
                        model.panes().get(2).pointerReadoutProperty()));
        Button cancel =
                button(null, MaterialDesignC.CANCEL, "Cancel the work in progress (slices already denoised stay)");
        cancel.setId("cancel-task");
        cancel.setVisible(false);
        model.denoising().ifPresent(d -> {
            Label denoiseStatus = new Label();
            denoiseStatus.setId("denoise-status");
            denoiseStatus.textProperty().bind(d.statusProperty());
            statusBar.getRightItems().add(denoiseStatus);
            d.taskProperty().addListener((o, old, task) -> follow(task, cancel));
            statusBar.getRightItems().addAll(exportProgress(d));
        });
        statusBar.getRightItems().add(cancel);
        model.loadTaskProperty().addListener((o, old, task) -> follow(task, cancel));
    }

    /**
     * An export's own line in the status bar: queued behind denoising, then its progress, with a
     * cancel button of its own; visible while an export is queued or running.
     */
    private List<Node> exportProgress(DenoiseViewModel denoising) {
        Label text = new Label();
        text.setId("export-status");
        text.textProperty().bind(denoising.exportStatusProperty());
        ProgressBar bar = new ProgressBar(0);
        bar.setId("export-progress");
        bar.setPrefWidth(120);
        Button cancelExport = button(null, MaterialDesignC.CANCEL, "Cancel the export (nothing is written)");
        cancelExport.setId("cancel-export");
        cancelExport.setOnAction(e -> denoising.cancelExport());
        bar.setVisible(false);
        cancelExport.setVisible(false);
        denoising.exportProperty().addListener((o, old, job) -> {
            bar.progressProperty().unbind();
            bar.visibleProperty().unbind();
            cancelExport.visibleProperty().unbind();
            if (job != null) {
                bar.progressProperty().bind(job.progressProperty());
                BooleanBinding pending = job.stateProperty()
                        .isEqualTo(Worker.State.SCHEDULED)
                        .or(job.stateProperty().isEqualTo(Worker.State.READY))
                        .or(job.runningProperty());
                bar.visibleProperty().bind(pending);
                cancelExport.visibleProperty().bind(pending);
            }
        });
        return List.of(text, bar, cancelExport);
    }

    /** The status bar's progress and cancel button follow the task started last (loading, denoising). */
    private void follow(Task<?> task, Button cancel) {
        statusBar.progressProperty().unbind();
        cancel.visibleProperty().unbind();
        if (task != null) {
            statusBar
                    .progressProperty()
                    .bind(Bindings.when(task.runningProperty())
                            .then(task.progressProperty())
                            .otherwise(0.0));
            cancel.visibleProperty().bind(task.runningProperty());
            cancel.setOnAction(e -> task.cancel());
        }
    }

    /** The pane row only: what "export view as PNG" pictures. */
    public Node paneRow() {
        return paneBox;
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open CT study folder");
        File folder = chooser.showDialog(getScene().getWindow());
        if (folder != null) {
            model.load(List.of(folder.toPath()));
        }
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open DICOM files or DICOMDIR");
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            model.load(files.stream().map(File::toPath).toList());
        }
    }

    /** Loads {@code inputs}; the returned task lets a caller (a test, the command line) wait for it. */
    public Task<StudyLoad> open(List<Path> inputs) {
        return model.load(inputs);
    }

    private static Button button(String text, Ikon icon, String tooltip) {
        Button b = new Button(text);
        decorate(b, icon, tooltip);
        return b;
    }

    private static ToggleButton toggle(String text, Ikon icon, String tooltip, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text);
        b.setToggleGroup(group);
        decorate(b, icon, tooltip);
        return b;
    }

    private static void decorate(ButtonBase b, Ikon icon, String tooltip) {
        if (icon != null) {
            b.setGraphic(new FontIcon(icon));
        }
        b.setTooltip(new Tooltip(tooltip));
    }
}
