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
 * </ul>
 */
public enum WordSpace {
    TABLE,
    LEARNT_MAP
}
