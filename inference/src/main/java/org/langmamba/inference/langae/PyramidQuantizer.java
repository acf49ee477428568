package org.langmamba.inference.langae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.inference.nn.Scalars;

/**
 * The 3-level token pyramid of LangAE (paper Eqs. 6-7, SPAE's streaming average quantization) over
 * a frozen codebook table [K, E]. The latent [B, E, h, w] (32 x 32 for a 512 slice) is read at
 * three dilations: level l samples one position of each block of {@code STRIDES[l]} = 16, 4, 1 latent
 * positions a side (2x2, 8x8 and 32x32 = 4, 64 and 1024 tokens for a 512 slice; a latent smaller
 * than a stride is one block). At a position where n earlier levels chose words, level l quantizes
 * the residual their mean still lacks: k_l = argmin_k || (n + 1) z - sum_{i<l} e(k_i) - e(k) ||, so
 * that the mean of the words at a position approaches z there; that mean is the quantized latent
 * z_q. Which positions a level's word counts at is the {@link PyramidAverage}. Gradients pass
 * straight through (z + sg(z_q - z)); the codebook is a constant and gets none.
 */
public final class PyramidQuantizer {
    /** The paper's three levels; a pyramid may add detail levels of stride 1 ({@link LangAeConfig#strides()}). */
    public static final int[] STRIDES = {16, 4, 1};

    private final int[] strides;
    private final PyramidAverage average;
    private final WordMatch match;
    private final NDArray directionsTransposed; // [E, K], unit rows of the codebook (COSINE only)
    private final NDArray codebook; // [K, E], frozen
    private final NDArray codebookTransposed; // [E, K]
    private final NDArray codebookNorms; // [1, K]
    private final List<NDArray> excluded; // per level [1, K]: 0 for a word that may be chosen, else far beyond; or null

    /**
     * The derived tables are made once here: anything computed from the codebook in a call would
     * belong to the codebook's long-lived manager and pile up over a training run. A table that
     * changes (a learnt word map, {@link WordSpace#LEARNT_MAP}) gets a quantizer per call, on the
     * call's manager.
     */
    public PyramidQuantizer(NDArray codebook, PyramidAverage average, WordMatch match) {
        this(codebook, average, match, STRIDES);
    }

    /** The same over the levels of {@code strides} (coarsest first; a detail level has stride 1). */
    public PyramidQuantizer(NDArray codebook, PyramidAverage average, WordMatch match, int[] strides) {
        this.strides = strides.clone();
        this.average = average;
        this.match = match;
        this.codebook = codebook;
        this.codebookTransposed = codebook.transpose();
        this.codebookNorms = codebook.square().sum(new int[] {1}).expandDims(0);
        this.directionsTransposed = match == WordMatch.COSINE
                ? codebook.div(codebookNorms.transpose().sqrt().add(1e-12f)).transpose()
                : null;
        this.excluded = null;
    }

    private PyramidQuantizer(PyramidQuantizer all, List<NDArray> excluded) {
        this.strides = all.strides;
        this.average = all.average;
        this.match = all.match;
        this.codebook = all.codebook;
        this.codebookTransposed = all.codebookTransposed;
        this.codebookNorms = all.codebookNorms;
        this.directionsTransposed = all.directionsTransposed;
        this.excluded = excluded;
    }

    /**
     * This quantizer choosing at level l among {@code wordIds.get(l)} only (a body region's vocabulary:
     * the overlay reads a head's latents as head words; whole-image words at level 1 only), the words
     * keeping their ids. The masks live on {@code call}'s manager, so that a quantizer per read is
     * freed with it; the tables are shared.
     */
    public PyramidQuantizer restrictedTo(List<int[]> wordIds, NDManager call) {
        if (wordIds.size() != strides.length) {
            throw new IllegalArgumentException(strides.length + " levels, " + wordIds.size() + " vocabularies");
        }
        long words = codebook.getShape().get(0);
        List<NDArray> masks = new ArrayList<>();
        for (int[] level : wordIds) {
            if (level.length == 0) {
                throw new IllegalArgumentException("a vocabulary needs at least one word");
            }
            float[] mask = new float[(int) words];
            Arrays.fill(mask, EXCLUDED);
            for (int id : level) {
                if (id < 0 || id >= words) {
                    throw new IllegalArgumentException("word id " + id + " outside the codebook's " + words + " words");
                }
                mask[id] = 0;
            }
            masks.add(NativeArrays.of(call, mask, new Shape(1, words)));
        }
        return new PyramidQuantizer(this, masks);
    }

    /** Levels of this pyramid: the paper's three, and any detail levels. */
    public int levels() {
        return strides.length;
    }

    /** Added to the match of a word outside the vocabulary: no real match comes near it. */
    private static final float EXCLUDED = 1e30f;

    /**
     * Quantized latent (no gradient), the same with straight-through gradients, the per-level choices,
     * the per-level targets each level quantized ([B, g, g, E], with gradient: the semantic loss
     * of Eq. 5 pulls them towards their candidate words), and the quantized latent with the gradient
     * into the table (through a learnt word map: SimVQ's codebook term; a frozen table has none).
     */
    public record Result(
            NDArray quantized,
            NDArray straightThrough,
            List<NDArray> ids,
            List<NDArray> distances,
            List<NDArray> targets,
            NDArray quantizedIntoTable) {}

    public Result quantize(NDArray latent) {
        Shape s = latent.getShape();
        long batch = s.get(0);
        long dim = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray z = latent.transpose(0, 2, 3, 1); // [B, h, w, E]
        NDArray sum = z.zerosLike(); // sum of chosen embeddings, per position
        float[] counts = new float[(int) (h * w)]; // words chosen so far, per position
        List<NDArray> ids = new ArrayList<>();
        List<NDArray> distances = new ArrayList<>();
        List<NDArray> targets = new ArrayList<>();
        for (int l = 0; l < strides.length; l++) {
            long blockH = Math.min(strides[l], h);
            long blockW = Math.min(strides[l], w);
            if (h % blockH != 0 || w % blockW != 0) {
                throw new IllegalArgumentException("latent " + h + "x" + w + " does not split into " + blockH + "x"
                        + blockW + " blocks (level " + (l + 1) + "); pad the slice (LangAe.paddedSize)");
            }
            long gridH = h / blockH;
            long gridW = w / blockW;
            int offsetH = average.offset(blockH);
            int offsetW = average.offset(blockW);
            NDIndex sampledPositions = new NDIndex(":, {}::{}, {}::{}, :", offsetH, blockH, offsetW, blockW);
            NDArray sampled = z.get(sampledPositions); // [B, g, g, E]
            NDArray sumSampled = sum.get(sampledPositions);
            NDArray target = sampled.mul(wordsPlusOne(z, counts, gridH, gridW, blockH, blockW, offsetH, offsetW))
                    .sub(sumSampled)
                    .reshape(-1, dim); // [B g g, E]
            targets.add(target.reshape(batch, gridH, gridW, dim));
            NDArray[] nearest = nearest(target, l);
            ids.add(nearest[0].reshape(batch, gridH, gridW));
            distances.add(nearest[1].reshape(batch, gridH, gridW));
            NDArray chosen = codebook.get(nearest[0]);
            chosen.attach(target.getManager());
            NDArray embeddings =
                    chosen.reshape(batch, gridH, gridW, dim).repeat(1, blockH).repeat(2, blockW);
            if (average == PyramidAverage.SAMPLED_LEVELS) {
                // The word counts only where its level sampled the latent.
                NDArray mask = positionMask(z, h, w, blockH, blockW, offsetH, offsetW, counts);
                sum = sum.add(embeddings.mul(mask));
            } else {
                sum = sum.add(embeddings); // each level-l token covers its block
                for (int i = 0; i < counts.length; i++) {
                    counts[i]++;
                }
            }
        }
        NDArray quantized = sum.div(NativeArrays.of(z.getManager(), counts, new Shape(1, h, w, 1)))
                .transpose(0, 3, 1, 2); // [B, E, h, w]
        NDArray straightThrough = latent.add(quantized.sub(latent).stopGradient());
        return new Result(quantized.stopGradient(), straightThrough, ids, distances, targets, quantized);
    }

    /** (n + 1) per sampled position of level l, n being the words earlier levels chose there: [1, g, g, 1]. */
    private static NDArray wordsPlusOne(
            NDArray z, float[] counts, long gridH, long gridW, long blockH, long blockW, int offsetH, int offsetW) {
        float[] factor = new float[(int) (gridH * gridW)];
        long w = gridW * blockW;
        for (int i = 0; i < gridH; i++) {
            for (int j = 0; j < gridW; j++) {
                factor[(int) (i * gridW + j)] = counts[(int) ((i * blockH + offsetH) * w + j * blockW + offsetW)] + 1;
            }
        }
        return NativeArrays.of(z.getManager(), factor, new Shape(1, gridH, gridW, 1));
    }

    /** 1 at the positions a level samples, else 0 ([1, h, w, 1]); counts those positions' words. */
    private static NDArray positionMask(
            NDArray z, long h, long w, long blockH, long blockW, int offsetH, int offsetW, float[] counts) {
        float[] mask = new float[(int) (h * w)];
        for (long i = offsetH; i < h; i += blockH) {
            for (long j = offsetW; j < w; j += blockW) {
                mask[(int) (i * w + j)] = 1;
                counts[(int) (i * w + j)]++;
            }
        }
        return NativeArrays.of(z.getManager(), mask, new Shape(1, h, w, 1));
    }

    /**
     * The matching word for each target row ({@link WordMatch}) and the Euclidean distance to it. Order
     * by ||t||^2 - 2 t.e + ||e||^2 (EUCLIDEAN) or by -t.e/||e|| (COSINE: ||t|| is the same for all words).
     */
    private NDArray[] nearest(NDArray targets, int level) {
        NDArray id = order(targets, level).argMin(1);
        NDArray chosen = codebook.get(id);
        chosen.attach(targets.getManager());
        NDArray distance = targets.sub(chosen).square().sum(new int[] {1}).sqrt();
        return new NDArray[] {id, distance};
    }

    /** Smaller is a better match, per target row of {@code level} and word: [N, K]. */
    private NDArray order(NDArray targets, int level) {
        NDArray order = match == WordMatch.COSINE
                ? targets.matMul(directionsTransposed).neg()
                : targets.square()
                        .sum(new int[] {1}, true)
                        .sub(Scalars.mul(targets.matMul(codebookTransposed), 2))
                        .add(codebookNorms);
        return excluded == null ? order : order.add(excluded.get(level));
    }

    /**
     * The {@code k} best-matching codebook rows to each target row ([N, E]), best first: ids [N, k] and
     * Euclidean distances [N, k], the targets being {@code level}'s. For the overlay's "next
     * candidates"; not used in training.
     */
    public NDArray[] nearest(NDArray targets, int level, int k) {
        NDArray order = order(targets, level).argSort(1).get(new NDIndex(":, :{}", k));
        NDArray d = targets.square()
                .sum(new int[] {1}, true)
                .sub(Scalars.mul(targets.matMul(codebookTransposed), 2))
                .add(codebookNorms);
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
            levels.add(new TokenPyramid.Level(
                    (int) ids.getShape().get(0),
                    (int) ids.getShape().get(1),
                    idArray,
                    result.distances().get(l).get(0).toFloatArray()));
        }
        return new TokenPyramid(levels);
    }
}
