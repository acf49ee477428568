package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.langmamba.inference.nn.NativeArrays;

/**
 * The S6 recurrence of {@link SelectiveScan} as one fused loop in plain Java, for inference on the
 * CPU (no gradient). Why it exists: in tensor operations the scan of a full-resolution 512x512 map
 * is tens of thousands of small operations (the chunked form) or gigabytes of materialised state
 * (the prefix scan), and either costs seconds per EMA block. Fused, the state of one channel, N
 * floats, stays in registers and every step is N multiply-adds and N exponentials, which is what
 * Mamba's CUDA kernel does on a GPU.
 *
 * <p>The time loop runs outer and channels inner, so every row of x, delta, B and C is read once
 * and contiguously; channels are split between the cores. exp(delta * A) uses {@link #expNonPositive},
 * a float exponential to 2e-7 relative error (delta &gt; 0 and A &lt; 0 make every argument
 * non-positive). Tested against {@link SelectiveScan#sequential} on random inputs.
 *
 * <p>Shapes as in {@link SelectiveScan}: x, delta [B, L, D]; A [D, N]; B, C [B, L, N]; D [D].
 */
public final class SelectiveScanKernel {
    /** Channels per task: enough work to outweigh scheduling, few enough to keep both cores busy. */
    private static final int CHANNELS_PER_TASK = 8;

    private SelectiveScanKernel() {}

    /** The scan's output as a new array on x's manager and device. */
    public static NDArray scan(NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d) {
        Shape shape = x.getShape();
        int batch = (int) shape.get(0);
        int length = (int) shape.get(1);
        int channels = (int) shape.get(2);
        int states = (int) a.getShape().get(1);
        float[] y = scan(
                x.toFloatArray(),
                delta.toFloatArray(),
                a.toFloatArray(),
                b.toFloatArray(),
                c.toFloatArray(),
                d.toFloatArray(),
                batch,
                length,
                channels,
                states);
        return NativeArrays.of(x.getManager(), y, shape).toDevice(x.getDevice(), false);
    }

    /** The same on row-major Java arrays; returns y [B, L, D]. */
    public static float[] scan(
            float[] x,
            float[] delta,
            float[] a,
            float[] b,
            float[] c,
            float[] d,
            int batch,
            int length,
            int channels,
            int states) {
        float[] y = new float[batch * length * channels];
        ForkJoinPool.commonPool()
                .invoke(new Channels(x, delta, a, b, c, d, y, batch, length, channels, states, 0, channels));
        return y;
    }

    /** A range of channels of every batch item, split in halves until it is small. */
    private static final class Channels extends RecursiveAction {
        private final float[] x;
        private final float[] delta;
        private final float[] a;
        private final float[] b;
        private final float[] c;
        private final float[] d;
        private final float[] y;
        private final int batch;
        private final int length;
        private final int channels;
        private final int states;
        private final int from;
        private final int to;

        Channels(
                float[] x,
                float[] delta,
                float[] a,
                float[] b,
                float[] c,
                float[] d,
                float[] y,
                int batch,
                int length,
                int channels,
                int states,
                int from,
                int to) {
            this.x = x;
            this.delta = delta;
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
            this.y = y;
            this.batch = batch;
            this.length = length;
            this.channels = channels;
            this.states = states;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from > CHANNELS_PER_TASK) {
                int middle = (from + to) >>> 1;
                invokeAll(
                        new Channels(x, delta, a, b, c, d, y, batch, length, channels, states, from, middle),
                        new Channels(x, delta, a, b, c, d, y, batch, length, channels, states, middle, to));
                return;
            }
            int width = to - from;
            float[] h = new float[width * states];
            for (int item = 0; item < batch; item++) {
                Arrays.fill(h, 0f);
                for (int t = 0; t < length; t++) {
                    int row = (item * length + t) * channels;
                    int stateRow = (item * length + t) * states;
                    for (int k = 0; k < width; k++) {
                        int channel = from + k;
                        float dt = delta[row + channel];
                        float xt = x[row + channel];
                        float dtx = dt * xt;
                        int aRow = channel * states;
                        int hRow = k * states;
                        float out = 0f;
                        for (int n = 0; n < states; n++) {
                            float state = expNonPositive(dt * a[aRow + n]) * h[hRow + n] + dtx * b[stateRow + n];
                            h[hRow + n] = state;
                            out += c[stateRow + n] * state;
                        }
                        y[row + channel] = out + d[channel] * xt;
                    }
                }
            }
        }
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HIGH = 0.693145752f; // ln 2 split in two so k * ln2 stays exact
    private static final float LN2_LOW = 1.42860677e-6f;

    /**
     * e^z for z &lt;= 0 in float: z = k ln2 + r with |r| &lt;= ln2 / 2, e^r by its Taylor series to
     * r^6 (error below 2e-7 relative), 2^k put straight into the exponent bits. Below ln of float's
     * smallest normal (-87.33) it returns 0: the recurrence's decay is then nil.
     */
    static float expNonPositive(float z) {
        if (z < -87.33f) {
            return 0f;
        }
        float k = Math.round(z * LOG2E);
        float r = (z - k * LN2_HIGH) - k * LN2_LOW;
        float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720))))));
        return p * Float.intBitsToFloat(((int) k + 127) << 23);
    }
}
