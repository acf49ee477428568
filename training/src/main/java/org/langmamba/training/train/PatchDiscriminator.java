package org.langmamba.training.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * VQGAN's PatchGAN discriminator, narrowed: strided 4x4 convolutions with leaky ReLU, ending in one
 * real/fake logit per patch of the input (70x70-pixel receptive field at the paper's width). Used
 * with the hinge loss; only LangAE pre-training needs it.
 */
public final class PatchDiscriminator {
    private PatchDiscriminator() {}

    public static SequentialBlock build(int width) {
        SequentialBlock d = new SequentialBlock();
        int channels = width;
        for (int layer = 0; layer < 3; layer++) {
            d.add(Conv2d.builder()
                    .setKernelShape(new Shape(4, 4))
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1))
                    .setFilters(channels)
                    .build());
            d.add(x -> Activation.leakyRelu(x, 0.2f));
            channels *= 2;
        }
        d.add(Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(1)
                .build());
        return d;
    }
}
