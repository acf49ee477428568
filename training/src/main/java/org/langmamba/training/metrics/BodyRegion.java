package org.langmamba.training.metrics;

import java.util.List;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.data.HuSlice;

/**
 * Where on the body a slice was taken, read from the image itself, and the window its denoising is
 * judged in. A head is told from a trunk by the body's cross-section: the area above -500 HU (tissue,
 * not air) as the diameter of a circle of that area. Adult heads are 140-200 mm across, a thorax or
 * abdomen 250-400 mm; a couch or head holder adds a few square centimetres, not enough to tip it.
 */
public enum BodyRegion {
    /** Scored in the brain window, where its noise is seen; the abdominal window hides it. */
    HEAD("head", Window.BRAIN),
    /** Chest, abdomen, pelvis: scored in the abdominal window, as the paper does. */
    TRUNK("trunk", Window.ABDOMEN);

    /** Wider than this (equivalent diameter) is no head. */
    static final double HEAD_MAX_DIAMETER_MM = 230;

    private static final float TISSUE_HU = -500;

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

    public static BodyRegion of(HuSlice slice) {
        return equivalentDiameterMm(slice) <= HEAD_MAX_DIAMETER_MM ? HEAD : TRUNK;
    }

    /** The region most of {@code slices} show (ties go to the trunk: the paper's window). */
    public static BodyRegion ofMost(List<HuSlice> slices) {
        long heads = slices.stream().filter(s -> of(s) == HEAD).count();
        return heads * 2 > slices.size() ? HEAD : TRUNK;
    }

    /** Diameter of the circle whose area is the slice's tissue area, in mm. */
    static double equivalentDiameterMm(HuSlice slice) {
        long tissue = 0;
        for (float hu : slice.hu()) {
            if (hu > TISSUE_HU) {
                tissue++;
            }
        }
        double areaMm2 = tissue * slice.pixelSizeMm() * slice.pixelSizeMm();
        return 2 * Math.sqrt(areaMm2 / Math.PI);
    }
}
