package org.langmamba.viewer.slice;

import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.StackGeometry;
import org.langmamba.imaging.image.LineProfile;
import org.langmamba.imaging.image.NoisePowerSpectrum;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.RoiStatistics;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.processing.DerivedImages;

/**
 * State of one slice pane: which series and slice, the window, the view transform (zoom and the
 * image point at the viewport centre) and the measurements. The view binds to these properties;
 * every rule (clamping, defaults, statistics) lives here so it is tested without a screen.
 */
public final class SliceViewModel {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 40.0;

    private final String name;
    private final WindowPresets presets;
    private final ObjectProperty<CtSeries> series = new SimpleObjectProperty<>(this, "series");
    private final IntegerProperty sliceIndex = new SimpleIntegerProperty(this, "sliceIndex", 0);
    private final ObjectProperty<Window> window;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final DoubleProperty centerX = new SimpleDoubleProperty(this, "centerX", 0);
    private final DoubleProperty centerY = new SimpleDoubleProperty(this, "centerY", 0);
    private final ObjectProperty<Roi> roi = new SimpleObjectProperty<>(this, "roi");
    private final ObjectProperty<MeasureLine> line = new SimpleObjectProperty<>(this, "line");
    private final ReadOnlyObjectWrapper<CtSlice> currentSlice = new ReadOnlyObjectWrapper<>(this, "currentSlice");
    private final ObjectProperty<DerivedImages> derived = new SimpleObjectProperty<>(this, "derived");
    private final IntegerProperty derivedRevision = new SimpleIntegerProperty(this, "derivedRevision", 0);
    private final BooleanProperty showOriginal = new SimpleBooleanProperty(this, "showOriginal", false);
    private final DoubleProperty swipe = new SimpleDoubleProperty(this, "swipe", Double.NaN);
    private final ObjectBinding<CtSlice> originalSlice;
    private final ObjectBinding<RoiStatistics> roiStatistics;
    private final ObjectBinding<LineProfile> lineProfile;
    private final ObjectProperty<CrossReference> crossReference = new SimpleObjectProperty<>(this, "crossReference");
    private final ObjectBinding<Optional<NoisePowerSpectrum>> noiseSpectrum;
    private final StringProperty pointerReadout = new SimpleStringProperty(this, "pointerReadout", "");
    private boolean switchingSeries;

    public SliceViewModel(String name, WindowPresets presets) {
        this.name = name;
        this.presets = presets;
        this.window =
                new SimpleObjectProperty<>(this, "window", presets.abdomen().window());
        originalSlice = Bindings.createObjectBinding(
                () -> series.get() == null ? null : series.get().slice(clamp(sliceIndex.get())), series, sliceIndex);
        derived.addListener((obs, old, now) -> {
            derivedRevision.unbind();
            if (now != null) {
                derivedRevision.bind(now.revisionProperty());
            }
        });
        currentSlice.bind(Bindings.createObjectBinding(
                this::computeCurrentSlice, originalSlice, derived, derivedRevision, showOriginal));
        roiStatistics = Bindings.createObjectBinding(this::computeRoiStatistics, roi, currentSlice);
        lineProfile = Bindings.createObjectBinding(this::computeLineProfile, line, currentSlice);
        noiseSpectrum = Bindings.createObjectBinding(this::computeNoiseSpectrum, roi, currentSlice);
    }

    public String name() {
        return name;
    }

    /**
     * The series' own slice, or the derived image of it while one is shown (null while that is still
     * being computed: the pane says so rather than show the original under a "DENOISED" label).
     */
    private CtSlice computeCurrentSlice() {
        // Read, not only listened to: a bound property left invalid reports no later change.
        derivedRevision.get();
        CtSlice original = originalSlice.get();
        DerivedImages images = derived.get();
        if (original == null || images == null || showOriginal.get()) {
            return original;
        }
        return images.image(clamp(sliceIndex.get())).map(original::withImage).orElse(null);
    }

    /**
     * Shows {@code source} with {@code images} in place of its pixels (denoised, difference): same
     * slices, geometry and position as a pane showing the source, so the lock matches them by index.
     * A derived image with a window of its own (the difference) gets it and keeps it.
     */
    public void showDerived(CtSeries source, DerivedImages images) {
        if (series.get() != source) {
            showSeries(source);
        }
        showOriginal.set(false);
        derived.set(images);
        images.ownWindow().ifPresent(window::set);
    }

    /** True while the slice on screen is still being computed (denoised). */
    public boolean isPending() {
        return series.get() != null && currentSlice.get() == null;
    }

    /** The series' own slice at the current index, whatever this pane shows in its place. */
    public ObjectBinding<CtSlice> originalSliceBinding() {
        return originalSlice;
    }

    public ObjectProperty<DerivedImages> derivedProperty() {
        return derived;
    }

    /**
     * Swipe: the image column left of which a derived pane shows the original slice (NaN: no swipe).
     * In image pixels, so zoom and pan keep the divider on the same anatomy.
     */
    public DoubleProperty swipeProperty() {
        return swipe;
    }

    /** Flicker: while true a derived pane shows the original slice instead. */
    public BooleanProperty showOriginalProperty() {
        return showOriginal;
    }

    /** False for a pane with a window of its own (difference): the lock does not pass W/L to or from it. */
    public boolean followsLinkedWindow() {
        return derived.get() == null || derived.get().ownWindow().isEmpty();
    }

    /**
     * Shows a series from its middle slice, in the window stored in its files (else abdomen); the
     * view fits it once laid out. These resets are this pane's own: a {@link PaneLink} does not
     * pass them on (see {@link #isSwitchingSeries()}).
     */
    public void showSeries(CtSeries newSeries) {
        switchingSeries = true;
        try {
            roi.set(null);
            line.set(null);
            derived.set(null);
            showOriginal.set(false);
            swipe.set(Double.NaN);
            series.set(newSeries);
            sliceIndex.set(newSeries == null ? 0 : newSeries.size() / 2);
            if (newSeries != null) {
                window.set(defaultWindow(newSeries));
                centerX.set(newSeries.width() / 2.0);
                centerY.set(newSeries.height() / 2.0);
            }
        } finally {
            switchingSeries = false;
        }
    }

    /** True while {@link #showSeries} resets this pane. */
    public boolean isSwitchingSeries() {
        return switchingSeries;
    }

    /** The window stored in the middle slice's file (WindowCenter/Width), else the abdominal preset. */
    public Window defaultWindow(CtSeries s) {
        return s.slice(s.size() / 2).storedWindow().orElse(presets.abdomen().window());
    }

    public boolean hasSeries() {
        return series.get() != null;
    }

    public int sliceCount() {
        return hasSeries() ? series.get().size() : 0;
    }

    /** Moves by {@code delta} slices, stopping at the first and last slice. */
    public void scrollBy(int delta) {
        showSlice(sliceIndex.get() + delta);
    }

    public void showSlice(int index) {
        if (hasSeries()) {
            sliceIndex.set(clamp(index));
        }
    }

    /** Page Up/Down: a tenth of the series, at least one slice. */
    public void pageBy(int direction) {
        scrollBy(direction * Math.max(1, sliceCount() / 10));
    }

    public void firstSlice() {
        showSlice(0);
    }

    public void lastSlice() {
        showSlice(sliceCount() - 1);
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(index, sliceCount() - 1));
    }

    public void applyPreset(int key) {
        presets.forKey(key).ifPresent(p -> window.set(p.window()));
    }

    /**
     * Right-drag window/level: horizontal movement changes width, vertical changes level, scaled by
     * the current width so a fine window (brain W80) and a wide one (lung W1500) both feel right.
     */
    public void dragWindow(double dxScreen, double dyScreen) {
        Window w = window.get();
        double sensitivity = Math.max(1.0, w.width() / 256.0);
        // A difference image stays centred on 0 HU: only its width changes.
        double dLevel = followsLinkedWindow() ? -dyScreen * sensitivity : 0;
        window.set(w.adjustedBy(dLevel, dxScreen * sensitivity));
    }

    public void zoomBy(double factor) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor)));
    }

    /**
     * Where the other planes of a reformat cut this pane's image: an image row and an image column
     * (NaN: no line). Set by the MPR layout; null outside it.
     */
    public record CrossReference(double row, double column) {}

    public ObjectProperty<CrossReference> crossReferenceProperty() {
        return crossReference;
    }

    /**
     * Screen pixels per image row: the zoom times the pixel's height over its width, so that a
     * reformat whose rows are slices 5 mm apart and whose columns are 0.5 mm apart is drawn to scale.
     * Axial slices have square pixels: the zoom itself.
     */
    public double zoomY() {
        return zoom.get() * pixelAspect();
    }

    /** Row spacing over column spacing of the series shown (1 without one). */
    public double pixelAspect() {
        CtSeries s = series.get();
        if (s == null) {
            return 1;
        }
        return s.spacing().rowMm() / s.spacing().columnMm();
    }

    /** Fits the image into a viewport of the given size, centred. */
    public void fit(double viewportWidth, double viewportHeight) {
        if (!hasSeries() || viewportWidth <= 0 || viewportHeight <= 0) {
            return;
        }
        CtSeries s = series.get();
        zoom.set(
                Math.max(MIN_ZOOM, Math.min(viewportWidth / s.width(), viewportHeight / (s.height() * pixelAspect()))));
        centerX.set(s.width() / 2.0);
        centerY.set(s.height() / 2.0);
    }

    /** One image pixel per screen pixel. */
    public void actualSize() {
        zoom.set(1.0);
    }

    /** Pans by a screen-space movement: the image follows the pointer. */
    public void panBy(double dxScreen, double dyScreen) {
        centerX.set(centerX.get() - dxScreen / zoom.get());
        centerY.set(centerY.get() - dyScreen / zoomY());
    }

    /** Updates the read-out for the pointer at image coordinates (x, y); empty outside the image. */
    public void pointerAt(double x, double y) {
        CtSlice slice = currentSlice.get();
        int column = (int) Math.floor(x);
        int row = (int) Math.floor(y);
        if (slice == null || !slice.image().contains(column, row)) {
            pointerReadout.set("");
            return;
        }
        pointerReadout.set(String.format(
                Locale.ROOT,
                "%s  x %d  y %d  %.0f HU",
                name,
                column,
                row,
                slice.image().hu(column, row)));
    }

    public void pointerLeft() {
        pointerReadout.set("");
    }

    private RoiStatistics computeRoiStatistics() {
        CtSlice slice = currentSlice.get();
        Roi r = roi.get();
        return slice == null || r == null
                ? RoiStatistics.EMPTY
                : RoiStatistics.of(slice.image(), r, slice.geometry().spacing());
    }

    /** The noise power spectrum inside the ROI on screen; empty without one or when it is under 32 pixels a side. */
    private Optional<NoisePowerSpectrum> computeNoiseSpectrum() {
        CtSlice slice = currentSlice.get();
        Roi r = roi.get();
        return slice == null || r == null
                ? Optional.empty()
                : NoisePowerSpectrum.ofRoi(slice.image(), r, slice.geometry().spacing());
    }

    private LineProfile computeLineProfile() {
        CtSlice slice = currentSlice.get();
        MeasureLine l = line.get();
        return slice == null || l == null
                ? null
                : LineProfile.along(
                        slice.image(),
                        l.x0(),
                        l.y0(),
                        l.x1(),
                        l.y1(),
                        slice.geometry().distance());
    }

    /** Overlay text, top-left corner: who and what. */
    public String seriesLabel() {
        return hasSeries() ? series.get().title() : "";
    }

    /** Overlay text for processed panes ("DENOISED – model, version"); empty for an original. */
    public String processingLabel() {
        DerivedImages images = derived.get();
        if (images == null) {
            return "";
        }
        return showOriginal.get() ? "ORIGINAL (flicker)" : images.label();
    }

    /** Overlay text, bottom-left corner: where. */
    public String sliceLabel() {
        CtSlice slice = currentSlice.get();
        if (slice == null) {
            return "";
        }
        StringBuilder text =
                new StringBuilder(String.format(Locale.ROOT, "Slice %d / %d", sliceIndex.get() + 1, sliceCount()));
        String separator = "\n";
        if (slice.geometry().hasPosition()) {
            Optional<Double> along = slice.geometry()
                    .normal()
                    .map(n -> slice.geometry().position().dot(n));
            if (along.isPresent()) {
                text.append(separator).append(String.format(Locale.ROOT, "Pos %.2f mm", along.get()));
                separator = "   ";
            }
        }
        if (slice.geometry().hasThickness()) {
            text.append(separator)
                    .append(String.format(
                            Locale.ROOT, "Thk %.2f mm", slice.geometry().thicknessMm()));
        }
        // A tilted or unevenly spaced stack says so on every slice (issue 16), not only in the load report.
        StackGeometry stack = series.get().stackGeometry();
        if (stack.tilted()) {
            text.append(String.format(Locale.ROOT, "\nTilt %.1f°", stack.tiltDegrees()));
        }
        if (stack.variableSpacing()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%sGap %.2f-%.2f mm",
                    stack.tilted() ? "   " : "\n",
                    stack.minGapMm(),
                    stack.maxGapMm()));
        }
        return text.toString();
    }

    /** Overlay text, top-right corner: how it is shown. */
    public String displayLabel() {
        return String.format(Locale.ROOT, "%s   Zoom %.0f%%", window.get().label(), zoom.get() * 100);
    }

    public ObjectProperty<CtSeries> seriesProperty() {
        return series;
    }

    public IntegerProperty sliceIndexProperty() {
        return sliceIndex;
    }

    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public DoubleProperty centerXProperty() {
        return centerX;
    }

    public DoubleProperty centerYProperty() {
        return centerY;
    }

    public ObjectProperty<Roi> roiProperty() {
        return roi;
    }

    public ObjectProperty<MeasureLine> lineProperty() {
        return line;
    }

    public ReadOnlyObjectProperty<CtSlice> currentSliceProperty() {
        return currentSlice.getReadOnlyProperty();
    }

    public CtSlice currentSlice() {
        return currentSlice.get();
    }

    public ObjectBinding<RoiStatistics> roiStatisticsBinding() {
        return roiStatistics;
    }

    public ObjectBinding<Optional<NoisePowerSpectrum>> noiseSpectrumBinding() {
        return noiseSpectrum;
    }

    public ObjectBinding<LineProfile> lineProfileBinding() {
        return lineProfile;
    }

    public StringProperty pointerReadoutProperty() {
        return pointerReadout;
    }
}
