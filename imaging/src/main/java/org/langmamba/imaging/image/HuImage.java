package org.langmamba.imaging.image;

import java.util.Arrays;

/**
 * One slice's pixels in Hounsfield units, row-major, immutable.
 *
 * <p>Values are floats because HU come from stored values through RescaleSlope/Intercept, which
 * need not be integers, and because denoised slices are continuous. The array is copied in and
 * never handed out, so a slice can be shared between panes and threads without locking.
 */
public final class HuImage {
    private final int width;
    private final int height;
    private final float[] hu;

    public HuImage(int width, int height, float[] hu) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (hu.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " HU values for " + width + "x" + height + ", got " + hu.length);
        }
        this.width = width;
        this.height = height;
        this.hu = hu.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** HU at column x, row y (0-based). */
    public float hu(int x, int y) {
        return hu[y * width + x];
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        return hu.clone();
    }

    /** Read-only access for hot loops in this package (rendering, statistics) without a copy. */
    float[] values() {
        return hu;
    }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HuImage other
                && other.width == width
                && other.height == height
                && Arrays.equals(other.hu, hu);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(hu);
    }

    @Override
    public String toString() {
        return "HuImage[" + width + "x" + height + "]";
    }
}
