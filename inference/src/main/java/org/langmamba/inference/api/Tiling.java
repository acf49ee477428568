package org.langmamba.inference.api;

import java.util.function.UnaryOperator;

/**
 * Runs a per-tile operation over a large image with overlapping tiles and blends the overlaps with
 * linear ramps, so tile borders leave no seams and memory stays bounded whatever the slice size.
 * Tiles are {@code tile} pixels a side (smaller at the image edges), placed every
 * {@code tile - overlap} pixels. Pure Java: the operation gets and returns a row-major tile.
 */
public final class Tiling {
    /** A tile's pixels and size, row-major. */
    public record Tile(float[] values, int width, int height) {}

    private Tiling() {}

    public static float[] apply(
            float[] image, int width, int height, int tile, int overlap, UnaryOperator<Tile> operation) {
        if (tile <= 2 * overlap) {
            throw new IllegalArgumentException("tile " + tile + " must exceed twice the overlap " + overlap);
        }
        if (width <= tile && height <= tile) {
            return operation.apply(new Tile(image.clone(), width, height)).values();
        }
        float[] sum = new float[image.length];
        float[] weights = new float[image.length];
        int step = tile - overlap;
        for (int y0 = 0; ; y0 += step) {
            int top = Math.min(y0, Math.max(0, height - tile));
            int th = Math.min(tile, height);
            for (int x0 = 0; ; x0 += step) {
                int left = Math.min(x0, Math.max(0, width - tile));
                int tw = Math.min(tile, width);
                float[] in = new float[tw * th];
                for (int r = 0; r < th; r++) {
                    System.arraycopy(image, (top + r) * width + left, in, r * tw, tw);
                }
                float[] out = operation.apply(new Tile(in, tw, th)).values();
                for (int r = 0; r < th; r++) {
                    float wy = ramp(r, th, overlap, top == 0, top + th == height);
                    for (int c = 0; c < tw; c++) {
                        float w = wy * ramp(c, tw, overlap, left == 0, left + tw == width);
                        int i = (top + r) * width + left + c;
                        sum[i] += w * out[r * tw + c];
                        weights[i] += w;
                    }
                }
                if (left + tw >= width) {
                    break;
                }
            }
            if (top + th >= height) {
                break;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= weights[i];
        }
        return sum;
    }

    /** Weight rising over the overlap at inner tile edges (not at the image border), never zero. */
    private static float ramp(int position, int size, int overlap, boolean atStart, boolean atEnd) {
        float w = 1f;
        if (!atStart && position < overlap) {
            w = Math.min(w, (position + 1f) / (overlap + 1f));
        }
        if (!atEnd && position >= size - overlap) {
            w = Math.min(w, (size - position) / (overlap + 1f));
        }
        return w;
    }
}
