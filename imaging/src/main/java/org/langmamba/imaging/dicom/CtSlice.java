package org.langmamba.imaging.dicom;

import java.util.Optional;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;

/**
 * One decoded CT slice: HU pixels, where it lies, where it came from, and the window stored with
 * it (WindowCenter/Width), which the viewer offers as the default. Immutable.
 */
public record CtSlice(HuImage image, SliceGeometry geometry, SliceSource source, Optional<Window> storedWindow) {
    /** The same slice (geometry, source, window) with other pixels, e.g. a denoised version. */
    public CtSlice withImage(HuImage other) {
        return new CtSlice(other, geometry, source, storedWindow);
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }
}
