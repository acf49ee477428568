package org.langmamba.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.inference.nn.Scalars;

/**
 * The pyramid semantic loss (paper Eq. 5): for every cell of pyramid level l and every candidate
 * word c of that cell's pool, -log softmax_k(-||z - e_k||^2) at c, averaged over the cell's
 * candidates and then over cells that have any. z is the target the level quantized (the residual
 * of Eqs. 6-7), so the loss pulls what each level encodes towards words for what the region is made
 * of (ADR 0005). The softmax runs over the whole frozen vocabulary.
 */
public final class SemanticLoss {
    private final NDArray codebookTransposed; // [E, K]
    private final NDArray codebookNorms; // [1, K]
    private final int vocabulary;

    public SemanticLoss(NDArray codebook) {
        this.codebookTransposed = codebook.transpose();
        this.codebookNorms = codebook.square().sum(new int[] {1}).expandDims(0);
        this.vocabulary = (int) codebook.getShape().get(0);
    }

    /**
     * {@code targets}: per level [B, g, g, E]; {@code pools}: per batch item, per level, per cell
     * (row-major) the candidate ids. Returns the mean loss over levels (0 when no cell has candidates).
     */
    public NDArray loss(List<NDArray> targets, List<List<List<int[]>>> pools) {
        NDManager manager = targets.get(0).getManager();
        NDArray total = null;
        int levels = 0;
        for (int l = 0; l < targets.size(); l++) {
            NDArray t = targets.get(l);
            Shape s = t.getShape();
            int batch = (int) s.get(0);
            int cells = (int) (s.get(1) * s.get(2));
            NDArray flat = t.reshape(batch * cells, s.get(3));
            NDArray logits = Scalars.mul(flat.matMul(codebookTransposed), 2)
                    .sub(flat.square().sum(new int[] {1}, true))
                    .sub(codebookNorms);
            NDArray logProbabilities = logits.logSoftmax(1); // [M, K]
            float[] weights = new float[batch * cells * vocabulary];
            int covered = 0;
            for (int b = 0; b < batch; b++) {
                List<int[]> levelPools = pools.get(b).get(l);
                for (int cell = 0; cell < cells; cell++) {
                    int[] candidates = levelPools.get(cell);
                    if (candidates.length == 0) {
                        continue;
                    }
                    covered++;
                    for (int id : candidates) {
                        weights[(b * cells + cell) * vocabulary + id] += 1f / candidates.length;
                    }
                }
            }
            if (covered == 0) {
                continue;
            }
            NDArray w = NativeArrays.of(manager, weights, new Shape(batch * cells, vocabulary));
            NDArray levelLoss = Scalars.div(logProbabilities.mul(w).sum().neg(), covered);
            total = total == null ? levelLoss : total.add(levelLoss);
            levels++;
        }
        return total == null ? manager.zeros(new Shape()) : Scalars.div(total, levels);
    }
}
