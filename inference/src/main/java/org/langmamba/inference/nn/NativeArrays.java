package org.langmamba.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The one way Java data becomes an NDArray in this project, so that no array backed by Java memory
 * ever enters an autograd graph (ADR 0008).
 *
 * <p>Why: DJL's PyTorch engine builds every array made from Java data ({@code create(float[])},
 * {@code create(Number)}, {@code decode}, {@code Parameter.load}) with {@code torch::from_blob} over
 * a Java direct buffer: no copy and no deleter. Only the Java wrapper's reference keeps that buffer
 * alive. Once the wrapper is closed (its manager closed, a number operation's temporary scalar, an
 * {@code intern}) a garbage collection may free the memory while the autograd graph still reads it in
 * the backward pass: gradients of 1e-45, 565 000 or NaN. Every method here returns arrays whose
 * memory PyTorch owns (a native copy, or made natively); the Java-backed original is closed at once.
 * {@code GraphSafetyTest} checks in the bytecode that nothing else calls DJL's {@code create} or
 * {@code decode}, nor the unsafe number operations (see {@link Scalars}).
 */
public final class NativeArrays {
    private NativeArrays() {}

    /** {@code data} as a native float32 array of {@code shape} on {@code manager}. */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return nativeCopy(manager.create(data, shape));
    }

    /** {@code data} as a native int64 array of {@code shape} on {@code manager}. */
    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        return nativeCopy(manager.create(data, shape));
    }

    /** A copy in memory PyTorch owns; the Java-backed original is closed. */
    private static NDArray nativeCopy(NDArray javaBacked) {
        try (javaBacked) {
            return javaBacked.duplicate();
        }
    }

    /** A 0-dimensional array of {@code value} with {@code like}'s type and device, on {@code like}'s manager. */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType(), like.getDevice());
    }

    /** What {@code NDList.encode()} wrote, as native arrays on {@code manager}. */
    public static NDList decode(NDManager manager, byte[] encoded) throws IOException {
        NDList javaBacked = NDList.decode(manager, new ByteArrayInputStream(encoded));
        NDList copies = new NDList();
        for (NDArray array : javaBacked) {
            copies.add(array.duplicate());
        }
        javaBacked.close();
        return copies;
    }

    /**
     * Replaces every parameter array of {@code block} (as DJL's {@code loadParameters} left it, over a
     * Java buffer) by a native copy, keeping whether it collects gradients. Call after every load.
     */
    public static void ownParameters(Block block) {
        for (var pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            NDArray array = parameter.getArray();
            boolean collectsGradient = array.hasGradient();
            // intern, not setArray: every holder of the parameter's wrapper now reads the copy. Safe
            // here because no graph holds the Java-backed tensor yet (it was only just loaded).
            array.intern(array.duplicate());
            if (collectsGradient) {
                array.setRequiresGradient(true);
            }
        }
    }
}
