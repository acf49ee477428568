package org.langmamba.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;

/**
 * Runs one block of a network so that, in inference, its intermediates are freed as soon as it
 * returns. DJL frees a native array only when its manager closes, and every operation's result
 * joins its first operand's manager: without this a forward pass holds every intermediate of every
 * layer until the pass ends. The paper-size SEED peaked at 9 GB for a 256x256 slice that way (about
 * 130 kB per pixel), and a 512x512 slice did not fit in 24 GB (issue 18). Here the input is lent to
 * a manager of the block's own (the block's results are born there), the output is handed back to
 * the caller's manager, and the rest goes when the block's manager closes.
 *
 * <p>In training every intermediate stays: the backward pass needs them. (PyTorch's autograd keeps
 * its own references to what it saved, so freeing our handles would be safe even then; it would just
 * free nothing.)
 */
public final class StepScope {
    private StepScope() {}

    public static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training) {
        return apply(
                x,
                training,
                in -> block.forward(store, new NDList(in), training).singletonOrThrow());
    }

    /** The same for any step on one array: only its result outlives it (in inference). */
    public static NDArray apply(NDArray x, boolean training, UnaryOperator<NDArray> step) {
        if (training) {
            return step.apply(x);
        }
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            x.tempAttach(scope);
            NDArray out = step.apply(x);
            out.attach(caller);
            return out;
        }
    }

    /** Frees arrays a pass no longer needs, in inference; in training the backward pass needs them. */
    public static void release(boolean training, NDArray... arrays) {
        if (!training) {
            for (NDArray a : arrays) {
                a.close();
            }
        }
    }
}
