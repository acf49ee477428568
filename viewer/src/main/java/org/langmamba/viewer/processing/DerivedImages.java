package org.langmamba.viewer.processing;

import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;

/**
 * Images a pane shows in place of its series' own pixels, slice by slice (a denoised version, a
 * difference), with the series' geometry. Slices may arrive over time: {@link #revisionProperty()}
 * grows (on the FX thread) whenever one does, and a pane redraws.
 */
public interface DerivedImages {
    /** The image for slice {@code index}, or empty while it is still being computed. */
    Optional<HuImage> image(int index);

    ReadOnlyIntegerProperty revisionProperty();

    /** The pane's visible label, e.g. "DENOISED – LangMamba, 7304d27e". */
    String label();

    /** A window of its own (a difference image's symmetric one), or empty to follow the panes' lock. */
    default Optional<Window> ownWindow() {
        return Optional.empty();
    }
}
