package org.langmamba.inference.langae;

/**
 * How the token pyramid turns its levels' words into the quantized latent z_q at a latent position.
 * <ul>
 *   <li>{@link #SAMPLED_LEVELS} (the authors' code, SPEC "What the authors' code does"): a level samples
 *       one position per block (level 1 at [7::16], level 2 at [3::4], level 3 everywhere, so the levels
 *       nest) and z_q at a position is the mean of only the levels sampled there. Most positions are
 *       then one level-3 word: the decoder sees each word undiluted.</li>
 *   <li>{@link #ALL_LEVELS} (this project's first LangAE): a level's word is copied over its whole
 *       block (sampled at [8::16], [2::4]) and z_q is the mean of all three levels everywhere. Kept so
 *       that models trained with it still load and tokenise as they were trained.</li>
 * </ul>
 */
public enum PyramidAverage {
    SAMPLED_LEVELS,
    ALL_LEVELS;

    /** Where a level with blocks of {@code block} latent positions a side samples each block. */
    public int offset(long block) {
        if (this == ALL_LEVELS) {
            return (int) (block / 2);
        }
        return block == 1 ? 0 : (int) (block / 2 - 1);
    }
}
