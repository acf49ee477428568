package org.langmamba.inference.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Function;
import org.langmamba.inference.nn.StepScope;

/**
 * ES2D, the efficient 2-D selective scan of EfficientVMamba used in SEED's EMA blocks: the H x W map
 * is skip-sampled with step p into p^2 sub-grids (pixel (i + p r, j + p c) belongs to sub-grid
 * (i, j)); sub-grid g is flattened in direction g mod 4, scanned by that direction's scan, and put
 * back where it came from. With p = 2 the four sub-grids take the four directions and every pixel
 * is scanned once: a quarter of the work of SS2D, which scans the whole map four times. With p = 1
 * there is one grid; the four directions all scan it and their results are summed (SS2D itself).
 *
 * <p>All steps are reshapes, flips and stacks, so gradients flow through without index writes.
 * Sizes that p does not divide are padded with zeros at the bottom and right, then cropped.
 * Input and output are channels-last [B, H, W, D]; a scan maps [B, L, D] to [B, L, D].
 */
public final class EfficientScan2d {
    private EfficientScan2d() {}

    public static NDArray apply(NDArray x, int step, List<Function<NDArray, NDArray>> scans) {
        return apply(x, step, scans, true);
    }

    /**
     * The same; with {@code training} false each (sub-)grid's reordered copies and its scan's
     * intermediates are freed as soon as its scan is merged ({@link StepScope}), so the paper-size
     * SEED's full-resolution level stays in memory.
     */
    public static NDArray apply(NDArray x, int step, List<Function<NDArray, NDArray>> scans, boolean training) {
        if (scans.size() != ScanDirection.values().length) {
            throw new IllegalArgumentException("ES2D needs one scan per direction (4), got " + scans.size());
        }
        if (step < 1) {
            throw new IllegalArgumentException("skip-sampling step must be positive, got " + step);
        }
        long batch = x.getShape().get(0);
        long height = x.getShape().get(1);
        long width = x.getShape().get(2);
        long channels = x.getShape().get(3);
        long h = (height + step - 1) / step;
        long w = (width + step - 1) / step;
        NDArray padded = pad(x, h * step, w * step);
        if (step == 1) {
            NDArray sum = null;
            for (ScanDirection direction : ScanDirection.values()) {
                NDArray y = scanGridScoped(padded, direction, scans, training);
                sum = sum == null ? y : sum.add(y);
            }
            return sum;
        }
        // [B, h, p, w, p, D]: sub-grid (i, j) is [:, :, i, :, j, :].
        NDArray grids = padded.reshape(batch, h, step, w, step, channels);
        NDList rows = new NDList();
        for (int i = 0; i < step; i++) {
            NDList columns = new NDList();
            for (int j = 0; j < step; j++) {
                NDArray grid = grids.get(":, :, {}, :, {}, :", i, j); // [B, h, w, D]
                ScanDirection direction = ScanDirection.values()[(i * step + j) % 4];
                columns.add(scanGridScoped(grid, direction, scans, training));
            }
            rows.add(NDArrays.stack(columns, 3)); // [B, h, w, p(j), D]
            StepScope.release(training, columns.toArray(new NDArray[0]));
        }
        NDArray merged = NDArrays.stack(rows, 2) // [B, h, p(i), w, p(j), D]
                .reshape(batch, h * step, w * step, channels);
        StepScope.release(training, rows.toArray(new NDArray[0]));
        return crop(merged, height, width);
    }

    /** {@link #scanGrid} with the direction's scan, keeping only its result in inference. */
    private static NDArray scanGridScoped(
            NDArray grid, ScanDirection direction, List<Function<NDArray, NDArray>> scans, boolean training) {
        return StepScope.apply(grid, training, g -> scanGrid(g, direction, scans.get(direction.ordinal())));
    }

    /** Flattens a [B, h, w, D] grid in {@code direction}, scans it, and returns it to grid order. */
    static NDArray scanGrid(NDArray grid, ScanDirection direction, Function<NDArray, NDArray> scan) {
        Shape shape = grid.getShape();
        NDArray oriented = orient(grid, direction);
        NDArray sequence = oriented.reshape(shape.get(0), shape.get(1) * shape.get(2), shape.get(3));
        NDArray scanned = scan.apply(sequence).reshape(shape);
        return orient(scanned, direction); // every orientation is its own inverse
    }

    /** The grid flipped so that row-major order is the direction's order. */
    private static NDArray orient(NDArray grid, ScanDirection direction) {
        return switch (direction) {
            case TOP_LEFT_TO_BOTTOM_RIGHT -> grid;
            case BOTTOM_RIGHT_TO_TOP_LEFT -> grid.flip(1, 2);
            case TOP_RIGHT_TO_BOTTOM_LEFT -> grid.flip(2);
            case BOTTOM_LEFT_TO_TOP_RIGHT -> grid.flip(1);
        };
    }

    private static NDArray pad(NDArray x, long height, long width) {
        long h0 = x.getShape().get(1);
        long w0 = x.getShape().get(2);
        NDArray out = x;
        if (height > h0) {
            out = out.concat(
                    out.getManager()
                            .zeros(
                                    new Shape(
                                            out.getShape().get(0),
                                            height - h0,
                                            w0,
                                            out.getShape().get(3)),
                                    out.getDataType(),
                                    out.getDevice()),
                    1);
        }
        if (width > w0) {
            out = out.concat(
                    out.getManager()
                            .zeros(
                                    new Shape(
                                            out.getShape().get(0),
                                            height,
                                            width - w0,
                                            out.getShape().get(3)),
                                    out.getDataType(),
                                    out.getDevice()),
                    2);
        }
        return out;
    }

    private static NDArray crop(NDArray x, long height, long width) {
        if (x.getShape().get(1) == height && x.getShape().get(2) == width) {
            return x;
        }
        return x.get(":, 0:{}, 0:{}, :", height, width);
    }
}
