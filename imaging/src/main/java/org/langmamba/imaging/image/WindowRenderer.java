package org.langmamba.imaging.image;

/**
 * Window/level: HU to 8-bit grey, the one step between decoded pixels and the screen.
 *
 * <p>Linear ramp from {@code lower()} (black) to {@code upper()} (white), clamped outside. DICOM's
 * own VOI LUT formula (PS3.3 C.11.2.1.2) offsets by 0.5 for integer stored values; we map the
 * continuous HU interval instead, so the abdominal window [-160, 240] maps -160 to 0 and 240 to
 * 255 exactly, matching the metric window. Kept free of JavaFX so it is testable and reusable.
 */
public final class WindowRenderer {
    private WindowRenderer() {}

    /** Grey level 0..255 of one HU value. */
    public static int grey(float hu, Window window) {
        return grey(hu, (float) window.lower(), (float) (255.0 / window.width()));
    }

    // One formula for the single-pixel and the whole-image path, so they never disagree on rounding.
    private static int grey(float hu, float lower, float scale) {
        float g = (hu - lower) * scale + 0.5f;
        return g <= 0f ? 0 : g >= 255f ? 255 : (int) g;
    }

    /** Renders to 8-bit grey, one byte per pixel (unsigned), row-major. */
    public static byte[] toGrey8(HuImage image, Window window) {
        float[] hu = image.values();
        byte[] out = new byte[hu.length];
        // Hoisted so the loop is one multiply-add and two compares per pixel (a few ms per 512x512).
        float lower = (float) window.lower();
        float scale = (float) (255.0 / window.width());
        for (int i = 0; i < hu.length; i++) {
            out[i] = (byte) grey(hu[i], lower, scale);
        }
        return out;
    }

    /** Renders to opaque grey ARGB pixels, the format JavaFX's PixelWriter takes without conversion. */
    public static int[] toArgb(HuImage image, Window window) {
        byte[] grey = toGrey8(image, window);
        int[] argb = new int[grey.length];
        for (int i = 0; i < grey.length; i++) {
            int g = grey[i] & 0xFF;
            argb[i] = 0xFF000000 | (g << 16) | (g << 8) | g;
        }
        return argb;
    }
}
