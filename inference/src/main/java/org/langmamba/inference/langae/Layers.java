package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.langmamba.inference.nn.Scalars;

/** Small shared pieces of the VQGAN-style networks. */
final class Layers {
    private Layers() {}

    static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    static Conv2d stridedConv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .optStride(new Shape(2, 2))
                .setFilters(filters)
                .build();
    }

    static NDArray silu(NDArray x) {
        return Scalars.silu(x);
    }

    /** Nearest-neighbour 2x upsampling of NCHW. */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    static Shape withChannels(Shape nchw, long channels) {
        return new Shape(nchw.get(0), channels, nchw.get(2), nchw.get(3));
    }

    static Shape halved(Shape nchw, long channels) {
        return new Shape(nchw.get(0), channels, (nchw.get(2) + 1) / 2, (nchw.get(3) + 1) / 2);
    }
}
