package org.langmamba.inference.api;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.nn.NativeArrays;

/**
 * The plain-Java face of a denoising network: HU slice in, denoised HU slice out. Normalises once
 * (the same {@link Normalization} training used), processes large slices in overlapping tiles,
 * and owns the native memory of every call (a sub-manager closed after each slice), so a long
 * series does not grow the process. Not thread-safe: one denoiser per worker thread.
 */
public final class HuDenoiser {
    /** A 512x512 slice goes through in one pass; larger ones in tiles (CPU scans stream, so 512 fits). */
    public static final int TILE = 512;

    public static final int OVERLAP = 32;
    /**
     * Smaller slices (thumbnails, scouts, downsampled series) are edge-padded up to this side first:
     * RED-CNN's five unpadded 5x5 convolutions need at least 21 pixels, and SEED's four poolings 16.
     */
    public static final int MIN_SIDE = 32;
    /** Runs of one tile before a non-finite output is an error (see {@link #run}). */
    static final int ATTEMPTS = 3;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HuDenoiser.class);

    private final Block network;
    private final NDManager manager;
    private final Normalization normalization;
    private final ParameterStore store;

    /** The denoised slice, the same size as {@code slice}: how training, fine-tuning and the results table score a network. */
    public HuImage denoise(HuImage slice) {
        return new HuImage(slice.width(), slice.height(), denoise(slice.toArray(), slice.width(), slice.height()));
    }

    /** {@code network} initialised on {@code manager}; both stay the caller's to close. */
    public HuDenoiser(Block network, NDManager manager, Normalization normalization) {
        this.network = network;
        this.manager = manager;
        this.normalization = normalization;
        this.store = new ParameterStore(manager, false);
    }

    public float[] denoise(float[] hu, int width, int height) {
        if (hu.length != width * height) {
            throw new IllegalArgumentException(
                    width + "x" + height + " needs " + width * height + " values, got " + hu.length);
        }
        if (width < MIN_SIDE || height < MIN_SIDE) {
            int w = Math.max(width, MIN_SIDE);
            int h = Math.max(height, MIN_SIDE);
            return crop(denoise(padByEdge(hu, width, height, w, h), w, h), w, width, height);
        }
        float[] input = normalization.toNetwork(hu);
        float[] output = Tiling.apply(
                input, width, height, TILE, OVERLAP, tile -> new Tiling.Tile(run(tile), tile.width(), tile.height()));
        return normalization.toHu(output);
    }

    /** The image in the top-left corner of a w x h canvas, its last column and row repeated to fill it. */
    static float[] padByEdge(float[] image, int width, int height, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(y, height - 1);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = image[sy * width + Math.min(x, width - 1)];
            }
        }
        return out;
    }

    private static float[] crop(float[] image, int stride, int width, int height) {
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image, y * stride, out, y * width, width);
        }
        return out;
    }

    /**
     * One tile through the network. The output is checked before anyone sees it: PyTorch 2.5.1 on
     * some CPUs (seen on an AVX-512 machine here) now and then returns NaN from a finite input, and
     * the same call again is fine. A tile is run up to {@link #ATTEMPTS} times; a slice that stays
     * non-finite is refused with a clear error instead of being shown or exported.
     */
    private float[] run(Tiling.Tile tile) {
        ComputeEngine.gradientsOffOnThisThread(); // callers' worker threads start with it on
        for (int attempt = 1; ; attempt++) {
            float[] out;
            try (NDManager call = manager.newSubManager()) {
                NDArray x = NativeArrays.of(call, tile.values(), new Shape(1, 1, tile.height(), tile.width()));
                out = network.forward(store, new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();
            }
            int bad = nonFinite(out);
            if (bad == 0) {
                return out;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(
                        "the network returned " + bad + " non-finite values for a " + tile.width() + "x" + tile.height()
                                + " tile " + ATTEMPTS + " times; the slice was not denoised");
            }
            LOG.warn(
                    "network returned {} non-finite values for a {}x{} tile; running it again (attempt {} of {})",
                    bad,
                    tile.width(),
                    tile.height(),
                    attempt + 1,
                    ATTEMPTS);
        }
    }

    static int nonFinite(float[] values) {
        int bad = 0;
        for (float v : values) {
            bad += Float.isFinite(v) ? 0 : 1;
        }
        return bad;
    }

    public Device device() {
        return manager.getDevice();
    }
}
