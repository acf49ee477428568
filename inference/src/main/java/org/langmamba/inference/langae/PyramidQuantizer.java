package org.langmamba.inference.langae;

import org.langmamba.inference.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The 3-level token pyramid of LangAE (paper Eqs. 6-7, SPAE's streaming average quantization) over
 * a frozen codebook table [K, E]. The latent [B, E, h, w] (32 x 32 for a 512 slice) is read at
 * three dilations: level l samples the centre of each block of {@code STRIDES[l]} = 16, 4, 1 latent
 * positions a side (2x2, 8x8 and 32x32 = 4, 64 and 1024 tokens for a 512 slice; a latent smaller
 * than a stride is one block). Level l quantizes the residual its average still lacks:
 * k_l = argmin_k || l z - sum_{i<l} e(k_i) - e(k) ||, so that the mean of the levels' embeddings
 * covering a position approaches z there; that mean is the quantized latent z_q. Gradients pass
 * straight through (z + sg(z_q - z)); the codebook is a constant and gets none.
 */
public final class PyramidQuantizer {
    public static final int[] STRIDES = {16, 4, 1};

    private final NDArray codebook;      // [K, E], frozen
    private final NDArray codebookTransposed; // [E, K]
    private final NDArray codebookNorms;      // [1, K]

    /**
     * The derived tables are made once here: anything computed from the codebook in a call would
     * belong to the codebook's long-lived manager and pile up over a training run.
     */
    public PyramidQuantizer(NDArray codebook) {
        this.codebook = codebook;
        this.codebookTransposed = codebook.transpose();
        this.codebookNorms = codebook.square().sum(new int[] {1}).expandDims(0);
    }

    /**
     * Quantized latent (no gradient), the same with straight-through gradients, the per-level choices,
     * and the per-level targets each level quantized ([B, g, g, E], with gradient: the semantic loss
     * of Eq. 5 pulls them towards their candidate words).
     */
    public record Result(NDArray quantized, NDArray straightThrough, List<NDArray> ids, List<NDArray> distances,
                         List<NDArray> targets) {
    }

    public Result quantize(NDArray latent) {
        Shape s = latent.getShape();
        long batch = s.get(0);
        long dim = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray z = latent.transpose(0, 2, 3, 1);                              // [B, h, w, E]
        NDArray sum = z.zerosLike();                                           // sum of chosen embeddings, per position
        List<NDArray> ids = new ArrayList<>();
        List<NDArray> distances = new ArrayList<>();
        List<NDArray> targets = new ArrayList<>();
        for (int l = 0; l < STRIDES.length; l++) {
            long blockH = Math.min(STRIDES[l], h);
            long blockW = Math.min(STRIDES[l], w);
            if (h % blockH != 0 || w % blockW != 0) {
                throw new IllegalArgumentException("latent " + h + "x" + w + " does not split into " + blockH + "x" + blockW
                        + " blocks (level " + (l + 1) + "); pad the slice (LangAe.paddedSize)");
            }
            long gridH = h / blockH;
            long gridW = w / blockW;
            // Dilation sampling: the centre position of each block.
            NDArray sampled = z.get(new NDIndex(":, {}::{}, {}::{}, :", blockH / 2, blockH, blockW / 2, blockW));   // [B, g, g, E]
            NDArray sumSampled = sum.get(new NDIndex(":, {}::{}, {}::{}, :", blockH / 2, blockH, blockW / 2, blockW));
            NDArray target = Scalars.mul(sampled, l + 1).sub(sumSampled).reshape(-1, dim);  // [B g g, E]
            targets.add(target.reshape(batch, gridH, gridW, dim));
            NDArray[] nearest = nearest(target);
            ids.add(nearest[0].reshape(batch, gridH, gridW));
            distances.add(nearest[1].reshape(batch, gridH, gridW));
            NDArray chosen = codebook.get(nearest[0]);
            chosen.attach(target.getManager());
            NDArray embeddings = chosen.reshape(batch, gridH, gridW, dim);
            // Each level-l token covers its block: repeat it over the block's positions.
            sum = sum.add(embeddings.repeat(1, blockH).repeat(2, blockW));
        }
        NDArray quantized = Scalars.div(sum, STRIDES.length).transpose(0, 3, 1, 2);      // [B, E, h, w]
        NDArray straightThrough = latent.add(quantized.sub(latent).stopGradient());
        return new Result(quantized.stopGradient(), straightThrough, ids, distances, targets);
    }

    /** Nearest codebook row to each target row, by ||t||^2 - 2 t.e + ||e||^2; returns ids and distances. */
    private NDArray[] nearest(NDArray targets) {
        NDArray d = targets.square().sum(new int[] {1}, true)
                .sub(Scalars.mul(targets.matMul(codebookTransposed), 2))
                .add(codebookNorms);
        NDArray id = d.argMin(1);
        NDArray distance = Scalars.maximum(d.min(new int[] {1}), 0f).sqrt();
        return new NDArray[] {id, distance};
    }

    /**
     * The {@code k} nearest codebook rows to each target row ([N, E]), nearest first: ids [N, k] and
     * distances [N, k]. For the overlay's "next candidates"; not used in training.
     */
    public NDArray[] nearest(NDArray targets, int k) {
        NDArray d = targets.square().sum(new int[] {1}, true)
                .sub(Scalars.mul(targets.matMul(codebookTransposed), 2))
                .add(codebookNorms);
        NDArray order = d.argSort(1).get(new NDIndex(":, :{}", k));
        NDArray distances = Scalars.maximum(d.gather(order, 1), 0f).sqrt();
        return new NDArray[] {order, distances};
    }

    /** The pyramid of the first image of a quantization, for the overlay and the token JSON. */
    public static TokenPyramid pyramidOf(Result result) {
        List<TokenPyramid.Level> levels = new ArrayList<>();
        for (int l = 0; l < result.ids().size(); l++) {
            NDArray ids = result.ids().get(l).get(0);
            int[] idArray = new int[(int) ids.size()];
            long[] raw = ids.toLongArray();
            for (int i = 0; i < raw.length; i++) {
                idArray[i] = (int) raw[i];
            }
            levels.add(new TokenPyramid.Level((int) ids.getShape().get(0), (int) ids.getShape().get(1), idArray,
                    result.distances().get(l).get(0).toFloatArray()));
        }
        return new TokenPyramid(levels);
    }
}
