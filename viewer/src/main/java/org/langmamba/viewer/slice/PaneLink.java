package org.langmamba.viewer.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;

/**
 * Locks panes together: a change of slice, window, zoom, pan or measurement in one pane is
 * applied to the others while {@link #lockedProperty()} is true. Changes go through each pane's
 * own methods (not a binding), so a pane with fewer slices clamps instead of breaking the lock.
 * Slices are matched by index: the comparison panes show series of the same geometry. Zoom, pan
 * and measurements are in image pixels, so they pass only between panes of the same matrix; a
 * 128x128 series must not impose its zoom on a 512x512 one.
 */
public final class PaneLink {
    private final List<SliceViewModel> panes;
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked", true);
    private boolean propagating;

    public PaneLink(List<SliceViewModel> panes) {
        this.panes = List.copyOf(panes);
        link(SliceViewModel::sliceIndexProperty, false, (pane, value) -> pane.showSlice(value.intValue()));
        link(SliceViewModel::windowProperty, false, (pane, value) -> {
            if (pane.followsLinkedWindow()) {
                pane.windowProperty().set(value);
            }
        });
        link(
                SliceViewModel::zoomProperty,
                true,
                (pane, value) -> pane.zoomProperty().set(value.doubleValue()));
        link(
                SliceViewModel::centerXProperty,
                true,
                (pane, value) -> pane.centerXProperty().set(value.doubleValue()));
        link(
                SliceViewModel::centerYProperty,
                true,
                (pane, value) -> pane.centerYProperty().set(value.doubleValue()));
        link(
                SliceViewModel::roiProperty,
                true,
                (pane, value) -> pane.roiProperty().set(value));
        link(
                SliceViewModel::lineProperty,
                true,
                (pane, value) -> pane.lineProperty().set(value));
    }

    private static boolean sameMatrix(SliceViewModel a, SliceViewModel b) {
        return a.seriesProperty().get().width() == b.seriesProperty().get().width()
                && a.seriesProperty().get().height() == b.seriesProperty().get().height();
    }

    private <T> void link(
            Function<SliceViewModel, Property<T>> property,
            boolean inImagePixels,
            BiConsumer<SliceViewModel, T> apply) {
        for (SliceViewModel source : panes) {
            ChangeListener<T> listener = (obs, old, value) -> {
                if (!locked.get()
                        || propagating
                        || !source.hasSeries()
                        || source.isSwitchingSeries()
                        || (property.apply(source) == source.windowProperty() && !source.followsLinkedWindow())) {
                    return;
                }
                propagating = true;
                try {
                    for (SliceViewModel target : others(source)) {
                        if (target.hasSeries() && (!inImagePixels || sameMatrix(source, target))) {
                            apply.accept(target, value);
                        }
                    }
                } finally {
                    propagating = false;
                }
            };
            property.apply(source).addListener(listener);
        }
    }

    private List<SliceViewModel> others(SliceViewModel source) {
        List<SliceViewModel> others = new ArrayList<>(panes);
        others.remove(source);
        return others;
    }

    /** Aligns every pane to {@code leader} at once, e.g. when the lock is switched on. */
    public void alignTo(SliceViewModel leader) {
        if (!leader.hasSeries()) {
            return;
        }
        propagating = true;
        try {
            for (SliceViewModel target : others(leader)) {
                if (target.hasSeries()) {
                    follow(target, leader);
                }
            }
        } finally {
            propagating = false;
        }
    }

    /**
     * A series just put into {@code pane} while the lock is on: it takes the slice, window and zoom
     * of the first other pane that shows one (A before B before C), so the panes stay in step.
     */
    public void bringIntoStep(SliceViewModel pane) {
        if (!locked.get() || !pane.hasSeries()) {
            return;
        }
        others(pane).stream().filter(SliceViewModel::hasSeries).findFirst().ifPresent(leader -> {
            propagating = true;
            try {
                follow(pane, leader);
            } finally {
                propagating = false;
            }
        });
    }

    private static void follow(SliceViewModel target, SliceViewModel leader) {
        target.showSlice(leader.sliceIndexProperty().get());
        if (target.followsLinkedWindow() && leader.followsLinkedWindow()) {
            target.windowProperty().set(leader.windowProperty().get());
        }
        if (sameMatrix(leader, target)) {
            target.zoomProperty().set(leader.zoomProperty().get());
            target.centerXProperty().set(leader.centerXProperty().get());
            target.centerYProperty().set(leader.centerYProperty().get());
            // Measurements drawn before this pane had its images (pane C before Diff) reach it now.
            if (leader.roiProperty().get() != null) {
                target.roiProperty().set(leader.roiProperty().get());
            }
            if (leader.lineProperty().get() != null) {
                target.lineProperty().set(leader.lineProperty().get());
            }
        }
    }

    public BooleanProperty lockedProperty() {
        return locked;
    }
}
