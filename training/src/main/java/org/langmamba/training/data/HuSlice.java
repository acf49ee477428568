package org.langmamba.training.data;

import java.util.function.UnaryOperator;
import org.langmamba.inference.api.HuDenoiser;

/**
 * A CT slice in Hounsfield units as training and physics see it: square or rectangular, row-major,
 * with its pixel size. Free of DICOM and JavaFX; the app converts from the viewer's slices.
 * The array is not copied: callers hand over ownership.
 */
public record HuSlice(int width, int height, float[] hu, double pixelSizeMm) {
    public HuSlice {
        if (width <= 0 || height <= 0 || hu.length != width * height) {
            throw new IllegalArgumentException(
                    "HU slice " + width + "x" + height + " needs " + width * height + " values, got " + hu.length);
        }
        if (!(pixelSizeMm > 0)) {
            throw new IllegalArgumentException("pixel size must be positive, got " + pixelSizeMm);
        }
    }

    public float at(int x, int y) {
        return hu[y * width + x];
    }

    /** A network as training, fine-tuning and the results table score it: slice in, denoised slice of the same size out. */
    public static UnaryOperator<HuSlice> denoisedBy(HuDenoiser network) {
        return slice -> new HuSlice(
                slice.width(),
                slice.height(),
                network.denoise(slice.hu(), slice.width(), slice.height()),
                slice.pixelSizeMm());
    }
}
