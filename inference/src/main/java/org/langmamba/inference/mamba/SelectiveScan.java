package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.langmamba.inference.nn.NativeArrays;

/**
 * The S6 selective scan of Mamba (paper Eqs. 1-3), per channel d and state n:
 * <pre>
 *   A_bar_t = exp(delta_t * A)            (zero-order hold, Eq. 2)
 *   B_bar_t x_t = delta_t * B_t * x_t     (Mamba's simplified ZOH for B)
 *   h_t = A_bar_t h_{t-1} + B_bar_t x_t   (Eq. 1)
 *   y_t = C_t . h_t + D x_t               (Eq. 3)
 * </pre>
 * Mamba runs this with a fused CUDA kernel; here it is tensor operations. {@link #chunked} splits
 * the sequence into chunks: inside a chunk every h_t is a weighted sum of the chunk's inputs with
 * weights exp(S_t - S_s), S the cumulative sum of delta*A (all at once, no loop over t), and the
 * state at a chunk's end carries into the next. Since A &lt; 0 and delta &gt; 0 every weight is
 * at most 1, so the parallel form is as stable as the loop. {@link #associative} is a Hillis-Steele
 * prefix scan over the pairs (A_bar_t, B_bar_t x_t): log2(L) whole-sequence steps, few operations
 * for very long sequences (inference on full slices). {@link #sequential} is the plain loop, the
 * reference both are tested against.
 *
 * <p>Shapes: x, delta [B, L, D]; A [D, N]; B, C [B, L, N]; D [D]; result [B, L, D].
 */
public final class SelectiveScan {
    private SelectiveScan() {}

    /** The recurrence, one step at a time. */
    public static NDArray sequential(NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d) {
        long length = x.getShape().get(1);
        NDArray h = zeroState(x, a);
        NDList outputs = new NDList();
        for (long t = 0; t < length; t++) {
            NDArray dt = delta.get(":, {}, :", t).expandDims(2); // [B, D, 1]
            NDArray xt = x.get(":, {}, :", t); // [B, D]
            NDArray decay = dt.mul(a).exp(); // [B, D, N]
            NDArray input = dt.mul(b.get(":, {}, :", t).expandDims(1)).mul(xt.expandDims(2));
            h = decay.mul(h).add(input);
            NDArray yt =
                    h.mul(c.get(":, {}, :", t).expandDims(1)).sum(new int[] {2}).add(xt.mul(d));
            outputs.add(yt);
        }
        return NDArrays.stack(outputs, 1);
    }

    /** The same recurrence, {@code chunk} steps at a time in parallel (keeps every chunk's graph, for training). */
    public static NDArray chunked(NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d, int chunk) {
        return chunked(x, delta, a, b, c, d, chunk, true);
    }

    /**
     * As above; with {@code keepGraph} false (inference) each chunk's temporaries are freed as soon as
     * its output and carried state are taken, so memory stays at one chunk's working set however
     * long the sequence (a 512x512 map gives 65 536-step sequences).
     */
    public static NDArray chunked(
            NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d, int chunk, boolean keepGraph) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk length must be positive, got " + chunk);
        }
        long length = x.getShape().get(1);
        NDManager manager = x.getManager();
        NDArray h = zeroState(x, a);
        NDList outputs = new NDList();
        for (long start = 0; start < length; start += chunk) {
            NDManager scope = keepGraph ? null : manager.newSubManager();
            if (scope != null) {
                h.attach(scope); // the previous chunk's state is consumed here
            }
            long end = Math.min(length, start + chunk);
            int t = (int) (end - start);
            String range = ":, " + start + ":" + end + ", :";
            NDManager work = scope == null ? manager : scope;
            // Results of an operation belong to its first operand's manager: bring the chunk's
            // slices into the scope and everything computed from them lands there too.
            NDArray xc = own(x.get(range), scope); // [B, T, D]
            NDArray dt = own(delta.get(range), scope).expandDims(3); // [B, T, D, 1]
            NDArray logDecay = dt.mul(a); // [B, T, D, N]
            NDArray input = dt.mul(own(b.get(range), scope).expandDims(2)).mul(xc.expandDims(3));
            NDArray cumulative = logDecay.cumSum(1); // S_t
            // W[t, s] = exp(S_t - S_s) for s <= t, 0 above the diagonal: [B, T, T, D, N].
            NDArray difference = cumulative.expandDims(2).sub(cumulative.expandDims(1));
            // Above the diagonal S_t - S_s >= 0 may be large; adding -inf before exp (not masking
            // after) keeps exp from overflowing to inf * 0 = NaN, in values and in gradients.
            NDArray weights = difference
                    .add(causalMask(work, t, x).reshape(1, t, t, 1, 1))
                    .exp();
            NDArray states0 = cumulative.exp().mul(h.expandDims(1)); // carried state, decayed
            NDArray hc = weights.mul(input.expandDims(1)).sum(new int[] {2}).add(states0); // [B, T, D, N]
            NDArray yc = hc.mul(own(c.get(range), scope).expandDims(2))
                    .sum(new int[] {3})
                    .add(xc.mul(d));
            h = hc.get(":, -1, :, :");
            if (scope != null) {
                yc.attach(manager);
                h.attach(manager);
                scope.close();
            }
            outputs.add(yc);
        }
        return outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 1);
    }

    /** h_0 = 0: [B, D, N]. */
    private static NDArray zeroState(NDArray x, NDArray a) {
        return x.getManager()
                .zeros(
                        new Shape(
                                x.getShape().get(0),
                                x.getShape().get(2),
                                a.getShape().get(1)),
                        x.getDataType(),
                        x.getDevice());
    }

    private static NDArray own(NDArray array, NDManager scope) {
        if (scope != null) {
            array.attach(scope);
        }
        return array;
    }

    /**
     * The recurrence as an inclusive prefix scan with the operator
     * (a1, b1) then (a2, b2) = (a1 a2, a2 b1 + b2): after steps k = 1, 2, 4, ... every b_t is h_t.
     * Work L log2(L) D N in about 4 log2(L) tensor operations, memory a few L x D x N tensors.
     */
    public static NDArray associative(NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d) {
        long length = x.getShape().get(1);
        NDArray dt = delta.expandDims(3); // [B, L, D, 1]
        NDArray decay = dt.mul(a).exp(); // [B, L, D, N]
        NDArray state = dt.mul(b.expandDims(2)).mul(x.expandDims(3)); // B_bar x
        for (long k = 1; k < length; k *= 2) {
            NDArray head = decay.get(":, 0:{}, :, :", k);
            NDArray shiftedState = head.zerosLike().concat(state.get(":, 0:{}, :, :", length - k), 1);
            NDArray shiftedDecay = head.onesLike().concat(decay.get(":, 0:{}, :, :", length - k), 1);
            state = decay.mul(shiftedState).add(state);
            decay = decay.mul(shiftedDecay);
        }
        return state.mul(c.expandDims(2)).sum(new int[] {3}).add(x.mul(d));
    }

    /** 0 where s <= t, -inf where s > t: [T, T]. */
    private static NDArray causalMask(NDManager manager, int t, NDArray like) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return NativeArrays.of(manager, mask, new Shape(t, t))
                .toType(like.getDataType(), false)
                .toDevice(like.getDevice(), false);
    }
}
