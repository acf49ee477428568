package org.langmamba.viewer.mpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.Reformats;
import org.langmamba.imaging.image.Window;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * The multi-planar layout: an axial series in pane A, its coronal reformat in B and its sagittal one
 * in C, each scrolled on its own (the panes' lock is off: their slices are different planes), one
 * window for all three, and dashed cross-reference lines in each pane where the other two planes
 * cut it. Scrolling any pane moves its line in the other two.
 */
public final class MprViewModel {
    private final PaneSet panes;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final List<Runnable> detach = new ArrayList<>();
    private Reformats.Plane coronal;
    private Reformats.Plane sagittal;
    private CtSeries axial;
    private boolean sharingWindow;

    public MprViewModel(PaneSet panes) {
        this.panes = panes;
    }

    /**
     * Shows {@code axial} in the three planes, each at its middle; empty when done, else why it
     * cannot be (too few slices, not axial).
     */
    public Optional<String> show(CtSeries axial) {
        return show(axial, new int[] {axial.size() / 2, axial.height() / 2, axial.width() / 2}, null);
    }

    /**
     * The same planes of another volume of the same stack (the denoised series, slice for slice): each
     * pane stays at its plane and the window stays, so the two volumes compare in place.
     */
    public Optional<String> showVolume(CtSeries volume) {
        if (!active.get()) {
            return Optional.of("the MPR layout is off");
        }
        if (volume.size() != axial.size() || volume.width() != axial.width() || volume.height() != axial.height()) {
            return Optional.of(
                    "another stack: " + volume.size() + " slices of " + volume.width() + "x" + volume.height());
        }
        List<SliceViewModel> p = panes.panes();
        int[] planes = {
            p.get(0).sliceIndexProperty().get(),
            p.get(1).sliceIndexProperty().get(),
            p.get(2).sliceIndexProperty().get()
        };
        return show(volume, planes, p.get(0).windowProperty().get());
    }

    /** The axial series the layout shows, while it is on. */
    public Optional<CtSeries> axial() {
        return active.get() ? Optional.of(axial) : Optional.empty();
    }

    private Optional<String> show(CtSeries axial, int[] planes, Window keptWindow) {
        Optional<String> problem = Reformats.problem(axial);
        if (problem.isPresent()) {
            return problem;
        }
        hide();
        this.axial = axial;
        coronal = Reformats.of(axial, Reformats.Orientation.CORONAL);
        sagittal = Reformats.of(axial, Reformats.Orientation.SAGITTAL);
        panes.link().lockedProperty().set(false);
        panes.paneCountProperty().set(3);
        List<SliceViewModel> p = panes.panes();
        p.get(0).showSeries(axial);
        p.get(1).showSeries(coronal.series());
        p.get(2).showSeries(sagittal.series());
        for (int i = 0; i < 3; i++) {
            p.get(i).showSlice(planes[i]);
        }
        Window shared =
                keptWindow != null ? keptWindow : p.get(0).windowProperty().get();
        List<CtSeries> shown = List.of(axial, coronal.series(), sagittal.series());
        for (int i = 0; i < p.size(); i++) {
            SliceViewModel pane = p.get(i);
            CtSeries mine = shown.get(i);
            // Another series shown in any pane ends the layout: its lines would lie about the new one.
            ChangeListener<CtSeries> replaced = (o, was, now) -> {
                if (now != mine) {
                    hide();
                }
            };
            pane.seriesProperty().addListener(replaced);
            detach.add(() -> pane.seriesProperty().removeListener(replaced));
            pane.windowProperty().set(shared);
            InvalidationListener moved = o -> crossReferences();
            pane.sliceIndexProperty().addListener(moved);
            ChangeListener<Window> window = (o, was, now) -> shareWindow(now);
            pane.windowProperty().addListener(window);
            detach.add(() -> {
                pane.sliceIndexProperty().removeListener(moved);
                pane.windowProperty().removeListener(window);
                pane.crossReferenceProperty().set(null);
            });
        }
        active.set(true);
        crossReferences();
        return Optional.empty();
    }

    /** Leaves the layout: panes keep what they show, without lines. */
    public void hide() {
        detach.forEach(Runnable::run);
        detach.clear();
        active.set(false);
    }

    /** One window in all three planes: a change in any pane reaches the other two. */
    private void shareWindow(Window window) {
        if (sharingWindow || window == null) {
            return;
        }
        sharingWindow = true;
        try {
            panes.panes().forEach(p -> p.windowProperty().set(window));
        } finally {
            sharingWindow = false;
        }
    }

    /** A: lines at the coronal row and sagittal column; B and C: at the axial slice's row and the other plane. */
    private void crossReferences() {
        List<SliceViewModel> p = panes.panes();
        int axial = p.get(0).sliceIndexProperty().get();
        int coronalPlane = p.get(1).sliceIndexProperty().get();
        int sagittalPlane = p.get(2).sliceIndexProperty().get();
        int row = coronal.rowOf(axial);
        p.get(0).crossReferenceProperty().set(new SliceViewModel.CrossReference(coronalPlane, sagittalPlane));
        p.get(1).crossReferenceProperty().set(new SliceViewModel.CrossReference(row, sagittalPlane));
        p.get(2).crossReferenceProperty().set(new SliceViewModel.CrossReference(row, coronalPlane));
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** The planes shown, while the layout is on. */
    public Optional<Reformats.Plane> coronal() {
        return active.get() ? Optional.of(coronal) : Optional.empty();
    }

    public Optional<Reformats.Plane> sagittal() {
        return active.get() ? Optional.of(sagittal) : Optional.empty();
    }
}
