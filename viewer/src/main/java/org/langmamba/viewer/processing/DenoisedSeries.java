package org.langmamba.viewer.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;

/**
 * The denoised version of one series by one model, filled slice by slice by a worker and shown
 * while it fills. Images are written from the worker thread (an atomic array); the revision that
 * panes listen to moves on the FX thread only. On the command line ({@link #headless}) there is no
 * FX thread and nothing listens.
 */
public final class DenoisedSeries implements DerivedImages {
    private final CtSeries source;
    private final ModelChoice model;
    private final AtomicReferenceArray<HuImage> images;
    private final DoubleAdder seconds = new DoubleAdder();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final boolean onFxThread;
    private volatile String device = "";

    /** For the workstation: panes follow the revision on the FX thread. */
    public DenoisedSeries(CtSeries source, ModelChoice model) {
        this(source, model, true);
    }

    private DenoisedSeries(CtSeries source, ModelChoice model, boolean onFxThread) {
        this.source = source;
        this.model = model;
        this.images = new AtomicReferenceArray<>(source.size());
        this.onFxThread = onFxThread;
    }

    /** For the command line, where no JavaFX toolkit runs. */
    public static DenoisedSeries headless(CtSeries source, ModelChoice model) {
        return new DenoisedSeries(source, model, false);
    }

    public CtSeries source() {
        return source;
    }

    public ModelChoice model() {
        return model;
    }

    @Override
    public Optional<HuImage> image(int index) {
        return index < 0 || index >= images.length() ? Optional.empty() : Optional.ofNullable(images.get(index));
    }

    /** Stores slice {@code index} (any thread) and tells the panes (FX thread). */
    public void put(int index, HuImage image, double secondsTaken, String deviceName) {
        images.set(index, image);
        seconds.add(secondsTaken);
        device = deviceName;
        if (!onFxThread || Platform.isFxApplicationThread()) {
            revision.set(revision.get() + 1);
        } else {
            Platform.runLater(() -> revision.set(revision.get() + 1));
        }
    }

    public boolean isDone(int index) {
        return images.get(index) != null;
    }

    public int doneCount() {
        int n = 0;
        for (int i = 0; i < images.length(); i++) {
            n += images.get(i) == null ? 0 : 1;
        }
        return n;
    }

    public int size() {
        return images.length();
    }

    public boolean isComplete() {
        return doneCount() == size();
    }

    /** Mean network time per slice so far, NaN before the first. */
    public double secondsPerSlice() {
        int done = doneCount();
        return done == 0 ? Double.NaN : seconds.sum() / done;
    }

    public String deviceName() {
        return device;
    }

    /** The nearest slice to {@code focus} not yet denoised (the one on screen first), or -1 when all are. */
    public int nextToDenoise(int focus) {
        int n = size();
        int start = Math.max(0, Math.min(focus, n - 1));
        for (int d = 0; d < n; d++) {
            for (int i : new int[] {start + d, start - d}) {
                if (i >= 0 && i < n && images.get(i) == null) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** All images in slice order; only once {@link #isComplete()}. */
    public List<HuImage> images() {
        if (!isComplete()) {
            throw new IllegalStateException("series not fully denoised: " + doneCount() + " of " + size());
        }
        List<HuImage> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            all.add(images.get(i));
        }
        return all;
    }

    @Override
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    @Override
    public String label() {
        return "DENOISED – " + model.label();
    }
}
