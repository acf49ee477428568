package org.langmamba.inference.langae;

/**
 * What the decoder reads for a chosen word (ADR 0010, third round).
 * <ul>
 *   <li>{@link #TABLE}: the word's own frozen embedding e(k) (the paper).</li>
 *   <li>{@link #LEARNT_MAP}: W ρ e(k)/||e(k)||, the word's direction at the table's median norm ρ through
 *       one learnt linear map W (E x E, identity at the start). SimVQ's remedy for a collapsed frozen
 *       codebook: W moves all 16 384 words together towards where the encoder's latents lie, so no word
 *       is stranded, and a change of word becomes a step the decoder can learn to read. The token is
 *       still a word and the same word for every image: the map is one matrix, not a table of its own.
 *       Words are matched by Euclidean distance in the mapped space (equal norms at the start make that
 *       the cosine match of {@link WordMatch#COSINE}).</li>
 *   <li>{@link #FACTORIZED}: ViT-VQGAN's factorised look-up over the words. The latent goes through a
 *       learnt 1x1 map to a few dimensions (8, 16 or 32: {@link TokenSettings#lookupDimension()}) and onto the unit sphere; each word's code
 *       is its direction's first as many principal components (of the whole table),
 *       on the unit sphere too; the word of the nearest code is chosen and the decoder reads its code
 *       through a second learnt 1x1 map. In so few dimensions 16 384 words cover the sphere densely,
 *       so a latent rarely lands on a hub and many words are used (ViT-VQGAN: usage from about 10 % to
 *       96 %). The token is still a word of the frozen table.</li>
 * </ul>
 */
public enum WordSpace {
    TABLE,
    LEARNT_MAP,
    FACTORIZED;

    /** The look-up space of {@link #FACTORIZED} unless the model says otherwise: ViT-VQGAN's choice. */
    public static final int LOOKUP_DIMENSION = 8;
}
