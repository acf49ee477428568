package org.langmamba.training.metrics;

import java.util.List;
import java.util.Optional;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.RegionFinder;
import org.langmamba.imaging.image.Window;

/**
 * Where on the body a slice was taken as far as scoring cares, and the window its denoising is judged
 * in: head (or neck) against trunk, read from the image itself by {@link RegionFinder} (the body's
 * cross-section).
 */
public enum BodyRegion {
    /** Scored in the brain window, where its noise is seen; the abdominal window hides it. */
    HEAD("head", Window.BRAIN),
    /** Chest, abdomen, pelvis: scored in the abdominal window, as the paper does. */
    TRUNK("trunk", Window.ABDOMEN);

    private final String label;
    private final Window window;

    BodyRegion(String label, Window window) {
        this.label = label;
        this.window = window;
    }

    public String label() {
        return label;
    }

    public Window window() {
        return window;
    }

    /** The region of a slice whose pixels are {@code pixelSizeMm} wide. */
    public static BodyRegion of(HuImage slice, double pixelSizeMm) {
        return reading(slice, pixelSizeMm).region().isTrunk() ? TRUNK : HEAD;
    }

    /** The slice's anatomic region (head, neck, chest, abdomen, pelvis) read from its pixels alone. */
    public static RegionFinder.Reading reading(HuImage slice, double pixelSizeMm) {
        return RegionFinder.read(slice.toArray(), slice.width(), slice.height(), pixelSizeMm, Optional.empty());
    }

    /** The region most of the slices show, given each one's (ties go to the trunk: the paper's window). */
    public static BodyRegion ofMost(List<BodyRegion> regions) {
        long heads = regions.stream().filter(r -> r == HEAD).count();
        return heads * 2 > regions.size() ? HEAD : TRUNK;
    }
}
