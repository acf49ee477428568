package org.langmamba.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.langmamba.inference.nn.Scalars;

/**
 * Keeps a frozen-codebook quantizer from collapsing onto a few words (ADR 0010): with the soft
 * assignment p(k | t) = softmax_k(cos(t, e_k) / tau) of each target t to the vocabulary,
 * <pre>
 *   L = mean_t H(p(. | t)) - H(mean_t p(. | t))
 * </pre>
 * The first term asks each position to be decided about its word; the second asks the batch as a
 * whole to spread over many words (MAGVIT-v2's entropy penalty, here over a table nobody may train).
 * A learnt codebook fights collapse by moving or restarting dead codes; ours cannot move, so the
 * encoder must be told to point its latents in more directions. Both entropies are in nats and
 * divided by ln K so that the term lies in [-1, 1] whatever the vocabulary size.
 */
public final class WordUsageEntropy {
    private final NDArray directionsTransposed; // [E, K], unit rows of the codebook
    private final float temperature;
    private final float logVocabulary;

    public WordUsageEntropy(NDArray codebook, float temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        NDArray norms = codebook.square().sum(new int[] {1}, true).sqrt().add(1e-12f);
        this.directionsTransposed = codebook.div(norms).transpose();
        this.temperature = temperature;
        this.logVocabulary = (float) Math.log(codebook.getShape().get(0));
    }

    /** {@code targets}: [B, g, g, E] (one pyramid level's quantization targets, with gradient). */
    public NDArray loss(NDArray targets) {
        Shape s = targets.getShape();
        NDArray flat = targets.reshape(-1, s.get(s.dimension() - 1));
        NDArray unit = flat.div(flat.square().sum(new int[] {1}, true).sqrt().add(1e-6f));
        NDArray logits = Scalars.div(unit.matMul(directionsTransposed), temperature); // [M, K]
        NDArray logP = logits.logSoftmax(1);
        NDArray p = logP.exp();
        NDArray perPosition = p.mul(logP).sum(new int[] {1}).mean().neg();
        NDArray usage = p.mean(new int[] {0});
        NDArray overall = usage.mul(usage.add(1e-12f).log()).sum().neg();
        return Scalars.div(perPosition.sub(overall), logVocabulary);
    }
}
