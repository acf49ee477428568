package org.langmamba.viewer.slice;

import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.LineProfile;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.RoiStatistics;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowRenderer;

/**
 * Draws one pane: the slice through its window, corner overlay text, ROI and line. Holds no
 * state of its own beyond the rendered image cache and the drag in progress; everything else is
 * read from and written to its {@link SliceViewModel}.
 */
public final class SliceView extends Region {
    private static final Color OVERLAY = Color.rgb(255, 236, 120);
    private static final Color CROSS_REFERENCE = Color.rgb(120, 220, 255, 0.8);
    private static final Color MEASURE = Color.rgb(255, 210, 0);
    private static final Color PROCESSED = Color.rgb(255, 150, 40);
    private static final Font FONT = Font.font("SansSerif", FontWeight.NORMAL, 13);
    private static final Font LABEL_FONT = Font.font("SansSerif", FontWeight.BOLD, 14);

    private final SliceViewModel model;
    private final ObjectProperty<Tool> tool;
    private final Runnable onActivate;
    private final Canvas canvas = new Canvas();
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);

    private SliceOverlay overlay;
    private final RenderCache shownImage = new RenderCache();
    private final RenderCache originalImage = new RenderCache();
    private boolean fitPending = true;
    private DragAction drag;

    /** What the drag in progress does; decided on press from the button, modifiers and tool. */
    private enum DragAction {
        WINDOW,
        PAN,
        ZOOM,
        ROI_RECTANGLE,
        ROI_ELLIPSE,
        LINE,
        SWIPE
    }

    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;

    public SliceView(SliceViewModel model, ObjectProperty<Tool> tool, Runnable onActivate) {
        this.model = model;
        this.tool = tool;
        this.onActivate = onActivate;
        getStyleClass().add("slice-view");
        setId("slice-view-" + model.name());
        getChildren().add(canvas);
        setMinSize(120, 120);
        setFocusTraversable(true);

        model.seriesProperty().addListener(o -> {
            fitPending = true;
            requestLayout();
        });
        for (Observable o : new Observable[] {
            model.currentSliceProperty(),
            model.windowProperty(),
            model.zoomProperty(),
            model.centerXProperty(),
            model.centerYProperty(),
            model.roiProperty(),
            model.lineProperty(),
            active,
            model.swipeProperty(),
            model.derivedProperty(),
            model.crossReferenceProperty()
        }) {
            o.addListener(x -> draw());
        }
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drag = null);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.pointerAt(toImageX(e.getX()), toImageY(e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.pointerLeft());
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    public SliceViewModel model() {
        return model;
    }

    /** Draws {@code overlay} (LangAE's words, say) over the slice whenever it is shown. */
    public void setOverlay(SliceOverlay overlay) {
        this.overlay = overlay;
        for (Observable o : overlay.changes()) {
            o.addListener(x -> draw());
        }
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (overlay.isShown()) {
                overlay.hoverAt(model, toImageX(e.getX()), toImageY(e.getY()));
            }
        });
    }

    public BooleanProperty activeProperty() {
        return active;
    }

    /** Fits the image to the pane (key F, toolbar). */
    public void fit() {
        model.fit(getWidth(), getHeight());
    }

    /**
     * A fixed preference, not the canvas size: otherwise a pane keeps the width it had and a pane
     * added later gets only what is left, instead of an equal share.
     */
    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (fitPending && model.hasSeries() && getWidth() > 0 && getHeight() > 0) {
            fitPending = false;
            fit();
        }
        draw();
    }

    // ---- coordinates: screen = (image - centre) * zoom + viewport centre

    public double toImageX(double screenX) {
        return (screenX - getWidth() / 2.0) / model.zoomProperty().get()
                + model.centerXProperty().get();
    }

    public double toImageY(double screenY) {
        return (screenY - getHeight() / 2.0) / model.zoomY()
                + model.centerYProperty().get();
    }

    public double toScreenX(double imageX) {
        return (imageX - model.centerXProperty().get()) * model.zoomProperty().get() + getWidth() / 2.0;
    }

    public double toScreenY(double imageY) {
        return (imageY - model.centerYProperty().get()) * model.zoomY() + getHeight() / 2.0;
    }

    // ---- mouse

    private void pressed(MouseEvent e) {
        onActivate.run();
        requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        if (e.getButton() == MouseButton.PRIMARY
                && isSwiping()
                && Math.abs(e.getX() - toScreenX(model.swipeProperty().get())) < 8) {
            drag = DragAction.SWIPE;
        } else if (e.getButton() == MouseButton.SECONDARY
                || (e.getButton() == MouseButton.PRIMARY && e.isControlDown())) {
            drag = DragAction.WINDOW;
        } else if (e.getButton() == MouseButton.MIDDLE) {
            drag = DragAction.PAN;
        } else if (e.getButton() == MouseButton.PRIMARY) {
            drag = switch (tool.get()) {
                case WINDOW -> DragAction.WINDOW;
                case PAN -> DragAction.PAN;
                case ZOOM -> DragAction.ZOOM;
                case ROI_RECTANGLE -> DragAction.ROI_RECTANGLE;
                case ROI_ELLIPSE -> DragAction.ROI_ELLIPSE;
                case LINE -> DragAction.LINE;
            };
        }
    }

    private void dragged(MouseEvent e) {
        if (drag == null || !model.hasSeries()) {
            return;
        }
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        double x0 = toImageX(pressX);
        double y0 = toImageY(pressY);
        double x1 = toImageX(e.getX());
        double y1 = toImageY(e.getY());
        switch (drag) {
            case WINDOW -> model.dragWindow(dx, dy);
            case PAN -> model.panBy(dx, dy);
            case ZOOM -> model.zoomBy(Math.pow(1.01, -dy));
            case ROI_RECTANGLE -> model.roiProperty().set(Roi.Rectangle.between(x0, y0, x1, y1));
            case ROI_ELLIPSE -> model.roiProperty().set(Roi.Ellipse.between(x0, y0, x1, y1));
            case LINE -> model.lineProperty().set(new MeasureLine(x0, y0, x1, y1));
            case SWIPE ->
                model.swipeProperty()
                        .set(Math.max(0, Math.min(model.seriesProperty().get().width(), x1)));
        }
        lastX = e.getX();
        lastY = e.getY();
        model.pointerAt(x1, y1);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        onActivate.run();
        if (e.isControlDown()) {
            model.zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
        } else {
            // Wheel towards the user (negative delta) goes to the next slice, as in most PACS viewers.
            model.scrollBy(e.getDeltaY() < 0 ? 1 : -1);
        }
        e.consume();
    }

    // ---- drawing

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, w, h);
        CtSlice slice = model.currentSlice();
        if (slice != null) {
            double zoom = model.zoomProperty().get();
            // Nearest neighbour once pixels are big enough to see: a radiologist wants to see them.
            g.setImageSmoothing(zoom < 2.0);
            drawSlice(g, shownImage.render(slice, model.windowProperty().get()), slice);
            if (isSwiping()) {
                drawSwipe(g, h);
            }
            if (overlay != null && overlay.isShown()) {
                overlay.paint(
                        g,
                        model,
                        this::toScreenX,
                        this::toScreenY,
                        model.zoomProperty().get());
            }
            drawCrossReference(g, w, h);
            drawRoi(g);
            drawLine(g);
            drawOverlayText(g, w, h);
        } else if (model.isPending()) {
            drawOverlayText(g, w, h);
            g.setFill(PROCESSED);
            g.setFont(FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Denoising slice " + (model.sliceIndexProperty().get() + 1) + "…", w / 2, h / 2);
        } else {
            g.setFill(Color.gray(0.6));
            g.setFont(FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(
                    "Pane " + model.name() + ": no series\nDouble-click a series in the study browser", w / 2, h / 2);
        }
        g.setStroke(active.get() ? Color.rgb(80, 160, 255) : Color.gray(0.25));
        g.setLineWidth(active.get() ? 2 : 1);
        g.strokeRect(0.5, 0.5, w - 1, h - 1);
    }

    private void drawSlice(GraphicsContext g, WritableImage image, CtSlice slice) {
        double zoom = model.zoomProperty().get();
        g.drawImage(image, toScreenX(0), toScreenY(0), slice.width() * zoom, slice.height() * model.zoomY());
    }

    /** The reformat's cross-reference: where the other planes cut this one (dashed, over everything but text). */
    private void drawCrossReference(GraphicsContext g, double w, double h) {
        SliceViewModel.CrossReference cross = model.crossReferenceProperty().get();
        if (cross == null) {
            return;
        }
        g.setStroke(CROSS_REFERENCE);
        g.setLineWidth(1);
        g.setLineDashes(6, 4);
        if (!Double.isNaN(cross.row())) {
            double y = toScreenY(cross.row() + 0.5);
            g.strokeLine(0, y, w, y);
        }
        if (!Double.isNaN(cross.column())) {
            double x = toScreenX(cross.column() + 0.5);
            g.strokeLine(x, 0, x, h);
        }
        g.setLineDashes(null);
    }

    private boolean isSwiping() {
        return !Double.isNaN(model.swipeProperty().get())
                && model.derivedProperty().get() != null;
    }

    /** Baseline of the swipe labels, below the series title and the DENOISED label. */
    private static final double SWIPE_LABEL_Y = 64;

    /** Original left of the divider, processed right of it, in the same window. */
    private void drawSwipe(GraphicsContext g, double h) {
        CtSlice original = model.originalSliceBinding().get();
        if (original == null) {
            return;
        }
        double x = toScreenX(model.swipeProperty().get());
        g.save();
        g.beginPath();
        g.rect(0, 0, Math.max(0, x), h);
        g.clip();
        drawSlice(g, originalImage.render(original, model.windowProperty().get()), original);
        g.restore();
        g.setStroke(PROCESSED);
        g.setLineWidth(2);
        g.strokeLine(x, 0, x, h);
        g.setFont(FONT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.RIGHT);
        // Under the two title lines: the bottom corners hold the slice number and position.
        shadowedText(g, "original ◂", x - 6, SWIPE_LABEL_Y, PROCESSED);
        g.setTextAlign(TextAlignment.LEFT);
        shadowedText(g, "▸ denoised", x + 6, SWIPE_LABEL_Y, PROCESSED);
    }

    /** The windowed picture of the last slice drawn, kept until the slice or the window changes. */
    private static final class RenderCache {
        private WritableImage rendered;
        private CtSlice renderedSlice;
        private Window renderedWindow;

        WritableImage render(CtSlice slice, Window window) {
            if (slice != renderedSlice || !window.equals(renderedWindow) || rendered == null) {
                int[] argb = WindowRenderer.toArgb(slice.image(), window);
                if (rendered == null
                        || rendered.getWidth() != slice.width()
                        || rendered.getHeight() != slice.height()) {
                    rendered = new WritableImage(slice.width(), slice.height());
                }
                rendered.getPixelWriter()
                        .setPixels(
                                0,
                                0,
                                slice.width(),
                                slice.height(),
                                PixelFormat.getIntArgbInstance(),
                                argb,
                                0,
                                slice.width());
                renderedSlice = slice;
                renderedWindow = window;
            }
            return rendered;
        }
    }

    private void drawRoi(GraphicsContext g) {
        Roi roi = model.roiProperty().get();
        if (roi == null) {
            return;
        }
        double x = toScreenX(roi.minX());
        double y = toScreenY(roi.minY());
        double rw = (roi.maxX() - roi.minX()) * model.zoomProperty().get();
        double rh = (roi.maxY() - roi.minY()) * model.zoomY();
        g.setStroke(MEASURE);
        g.setLineWidth(1.5);
        if (roi instanceof Roi.Ellipse) {
            g.strokeOval(x, y, rw, rh);
        } else {
            g.strokeRect(x, y, rw, rh);
        }
        RoiStatistics stats = model.roiStatisticsBinding().get();
        if (!stats.isEmpty()) {
            g.setFont(FONT);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            shadowedText(
                    g,
                    String.format(
                            Locale.ROOT,
                            "mean %.1f HU\nSD %.1f HU\n%.1f mm²",
                            stats.mean(),
                            stats.sd(),
                            stats.areaMm2()),
                    x + rw + 6,
                    y,
                    MEASURE);
        }
    }

    private void drawLine(GraphicsContext g) {
        MeasureLine line = model.lineProperty().get();
        LineProfile profile = model.lineProfileBinding().get();
        if (line == null || profile == null) {
            return;
        }
        g.setStroke(MEASURE);
        g.setLineWidth(1.5);
        g.strokeLine(toScreenX(line.x0()), toScreenY(line.y0()), toScreenX(line.x1()), toScreenY(line.y1()));
        // Length at the middle of the line, just above it: always inside the pane when the line is.
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        shadowedText(
                g,
                String.format(Locale.ROOT, "%.1f mm", profile.lengthMm()),
                toScreenX((line.x0() + line.x1()) / 2),
                toScreenY((line.y0() + line.y1()) / 2) - 4,
                MEASURE);
    }

    private void drawOverlayText(GraphicsContext g, double w, double h) {
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        String display = model.displayLabel();
        double room = w - 16 - textWidth(display) - 16;
        shadowedText(g, fitted(model.name() + "  " + model.seriesLabel(), room), 8, 6, OVERLAY);
        String processing = model.processingLabel();
        if (!processing.isEmpty()) {
            g.setFont(LABEL_FONT);
            shadowedText(g, fitted(processing, w - 16), 8, 24, PROCESSED);
            g.setFont(FONT);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        shadowedText(g, display, w - 8, 6, OVERLAY);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        shadowedText(g, model.sliceLabel(), 8, h - 6, OVERLAY);
    }

    private static double textWidth(String text) {
        Text probe = new Text(text);
        probe.setFont(FONT);
        return probe.getLayoutBounds().getWidth();
    }

    /** {@code text} cut with an ellipsis to fit {@code maxWidth} pixels, so corner texts never overlap. */
    private static String fitted(String text, double maxWidth) {
        if (textWidth(text) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && textWidth(cut + "…") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Text with a dark outline so it stays legible over bright bone and dark air alike. */
    private static void shadowedText(GraphicsContext g, String text, double x, double y, Color color) {
        g.setFill(Color.rgb(0, 0, 0, 0.85));
        for (double[] d : new double[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
            g.fillText(text, x + d[0], y + d[1]);
        }
        g.setFill(color);
        g.fillText(text, x, y);
    }
}
