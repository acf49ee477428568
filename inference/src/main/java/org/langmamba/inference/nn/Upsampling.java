package org.langmamba.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Bilinear 2x upsampling of NCHW maps (PyTorch's {@code align_corners=False}), in plain tensor
 * operations so that it has gradients on every engine: along each axis an output pixel is 3/4 of
 * its nearest input pixel and 1/4 of the next one towards it, edges repeated. SEED's decoder
 * upsamples this way (as the authors' code does) instead of repeating pixels, which leaves 2x2
 * blocks that its 3x3 convolutions then have to smooth away. Not DJL's {@code interpolation}: it runs
 * PyTorch's antialiased kernel ({@code _upsample_bilinear2d_aa}), profiled at 214 ms for the full-resolution
 * map where PyTorch's plain bilinear takes about 10 (issue 18; same values when upsampling).
 */
public final class Upsampling {
    private Upsampling() {}

    public static NDArray bilinear2x(NDArray nchw) {
        return alongAxis(alongAxis(nchw, 2), 3);
    }

    private static NDArray alongAxis(NDArray x, int axis) {
        long n = x.getShape().get(axis);
        String all = axis == 2 ? ":, :, " : ":, :, :, ";
        NDArray first = x.get(all + "0:1");
        NDArray last = x.get(all + (n - 1) + ":" + n);
        NDArray previous = n == 1 ? first : first.concat(x.get(all + "0:" + (n - 1)), axis); // x[i-1], edge repeated
        NDArray next = n == 1 ? last : x.get(all + "1:" + n).concat(last, axis); // x[i+1], edge repeated
        NDArray threeQuarters = Scalars.mul(x, 0.75f);
        NDArray even = threeQuarters.add(Scalars.mul(previous, 0.25f));
        NDArray odd = threeQuarters.add(Scalars.mul(next, 0.25f));
        // Interleave: stack on a new axis after `axis`, then merge the two.
        NDArray stacked = NDArrays.stack(new NDList(even, odd), axis + 1);
        long[] shape = x.getShape().getShape().clone();
        shape[axis] = 2 * n;
        return stacked.reshape(shape);
    }
}
