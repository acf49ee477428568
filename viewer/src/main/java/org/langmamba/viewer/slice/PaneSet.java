package org.langmamba.viewer.slice;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.langmamba.imaging.image.WindowPresets;

/**
 * The workstation's three slice panes (A original, B processed, C difference), how many are shown,
 * which one is active, and their lock. The window and every feature that puts images into panes
 * (denoising, tokens, scores) share this one object; none of them needs the window's view-model.
 */
public final class PaneSet {
    public static final int MAX_PANES = 3;

    private final WindowPresets presets;
    private final List<SliceViewModel> panes;
    private final PaneLink link;
    private final IntegerProperty paneCount = new SimpleIntegerProperty(this, "paneCount", 2);
    private final IntegerProperty activePane = new SimpleIntegerProperty(this, "activePane", 0);

    public PaneSet(WindowPresets presets) {
        this.presets = presets;
        this.panes = List.of(
                new SliceViewModel("A", presets), new SliceViewModel("B", presets), new SliceViewModel("C", presets));
        this.link = new PaneLink(panes);
        // Hiding a pane that was active hands the focus back to pane A.
        paneCount.addListener((obs, old, count) -> {
            if (activePane.get() >= count.intValue()) {
                activePane.set(0);
            }
        });
    }

    /** The window presets every pane offers. */
    public WindowPresets presets() {
        return presets;
    }

    public List<SliceViewModel> panes() {
        return panes;
    }

    public SliceViewModel active() {
        return panes.get(activePane.get());
    }

    public PaneLink link() {
        return link;
    }

    public IntegerProperty paneCountProperty() {
        return paneCount;
    }

    public IntegerProperty activePaneProperty() {
        return activePane;
    }
}
