package org.langmamba.inference.api;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

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

    private final Block network;
    private final NDManager manager;
    private final Normalization normalization;
    private final ParameterStore store;

    /** {@code network} initialised on {@code manager}; both stay the caller's to close. */
    public HuDenoiser(Block network, NDManager manager, Normalization normalization) {
        this.network = network;
        this.manager = manager;
        this.normalization = normalization;
        this.store = new ParameterStore(manager, false);
    }

    public float[] denoise(float[] hu, int width, int height) {
        if (hu.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " needs " + width * height + " values, got " + hu.length);
        }
        float[] input = normalization.toNetwork(hu);
        float[] output = Tiling.apply(input, width, height, TILE, OVERLAP, tile -> new Tiling.Tile(run(tile), tile.width(), tile.height()));
        return normalization.toHu(output);
    }

    private float[] run(Tiling.Tile tile) {
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(tile.values(), new Shape(1, 1, tile.height(), tile.width()));
            NDArray y = network.forward(store, new NDList(x), false).singletonOrThrow();
            return y.toFloatArray();
        }
    }

    public Device device() {
        return manager.getDevice();
    }
}
