package org.langmamba.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Array-with-number operations that stay correct under autograd. DJL 0.33's PyTorch engine makes
 * {@code x.mul(2f)}, {@code div}, {@code maximum}, {@code minimum}, {@code pow} (and
 * {@code Activation.swish}, which calls {@code mul(beta)}) by wrapping the number in a tensor over a
 * Java direct buffer and closing that tensor straight after the call. PyTorch keeps the scalar for
 * the backward pass, but once the buffer is garbage-collected the backward reads whatever the
 * memory holds next: gradients of 1e35 or NaN, at random steps (how LangAE training "diverged" at
 * step 17, 27 or 43 of the same run). Here the scalar lives on {@code x}'s manager, so it outlives
 * the backward pass of the step that made it. {@code add(Number)} and {@code sub(Number)} are safe:
 * their backward does not read the number.
 */
public final class Scalars {
    private Scalars() {}

    public static NDArray mul(NDArray x, float value) {
        return x.mul(scalar(x, value));
    }

    public static NDArray div(NDArray x, float value) {
        return x.div(scalar(x, value));
    }

    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(scalar(x, value));
    }

    /** SiLU, x * sigmoid(x), without swish's scalar. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    private static NDArray scalar(NDArray like, float value) {
        return NativeArrays.scalar(like, value);
    }
}
