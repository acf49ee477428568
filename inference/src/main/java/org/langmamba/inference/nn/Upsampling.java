package org.langmamba.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear 2x upsampling of NCHW maps (PyTorch's {@code align_corners=False}): along each axis an
 * output pixel is 3/4 of its nearest input pixel and 1/4 of the next one towards it, edges repeated.
 * SEED's decoder upsamples this way (as the authors' code does) instead of repeating pixels, which
 * leaves 2x2 blocks that its 3x3 convolutions then have to smooth away. One libtorch call
 * ({@code upsample_bilinear2d}, with its gradient): written out in tensor operations it made about
 * ten passes over the full-resolution map (issue 18).
 */
public final class Upsampling {
    /** DJL's code for bilinear interpolation ({@code Image.Interpolation.BILINEAR}); DJL always uses align_corners=false. */
    private static final int BILINEAR = 1;

    private Upsampling() {}

    public static NDArray bilinear2x(NDArray nchw) {
        Shape shape = nchw.getShape();
        long[] size = {2 * shape.get(2), 2 * shape.get(3)};
        return nchw.getNDArrayInternal().interpolation(size, BILINEAR, false);
    }
}
