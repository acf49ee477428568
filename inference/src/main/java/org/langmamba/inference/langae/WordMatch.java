package org.langmamba.inference.langae;

/**
 * How the token pyramid picks a level's word for a target vector.
 * <ul>
 *   <li>{@link #EUCLIDEAN}: the nearest word. With a frozen word table this favours the few words of
 *       smallest norm near the table's centre ("xfdws" 2.3, "likewise", "furthermore" against a median
 *       norm of 5.4 in the GloVe table): every small or undecided latent lands on them, the encoder is
 *       pulled there by the commitment term, and a LangAE trained so used 15 words for 1 024 positions
 *       (the "hubness" of nearest-neighbour search in high dimensions).</li>
 *   <li>{@link #COSINE}: the word of the most similar direction (the l2-normalised look-up of
 *       ViT-VQGAN); the quantized vector is still that word's own embedding, so every z_q stays a word.</li>
 * </ul>
 */
public enum WordMatch {
    EUCLIDEAN,
    COSINE
}
