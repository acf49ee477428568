package org.langmamba.inference.langae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a LangAE turns its latent into words (ADR 0010): how the pyramid's levels average
 * ({@link PyramidAverage}), how a word is matched ({@link WordMatch}), in which space the decoder reads
 * the words ({@link WordSpace}, with the factorised look-up's dimension), and how many detail levels
 * follow the paper's three. A model file names each choice in its header, so it loads as trained.
 */
public record TokenSettings(
        PyramidAverage average,
        WordMatch match,
        WordSpace words,
        int lookupDimension,
        int detailLevels,
        boolean wordStrength) {
    /** The look-up dimensions a factorised LangAE may use: ViT-VQGAN's 8 first. */
    public static final int[] LOOKUP_DIMENSIONS = {8, 16, 32};

    /** The authors' average with words matched by direction, in the frozen table, no detail level. */
    public static final TokenSettings AUTHORS = new TokenSettings(
            PyramidAverage.SAMPLED_LEVELS, WordMatch.COSINE, WordSpace.TABLE, WordSpace.LOOKUP_DIMENSION, 0, false);

    public TokenSettings {
        int dimension = lookupDimension;
        if (words == WordSpace.FACTORIZED && Arrays.stream(LOOKUP_DIMENSIONS).noneMatch(d -> d == dimension)) {
            throw new IllegalArgumentException("a factorised look-up uses " + Arrays.toString(LOOKUP_DIMENSIONS)
                    + " dimensions, not " + lookupDimension);
        }
        if (detailLevels < 0 || detailLevels > 1) {
            throw new IllegalArgumentException("a token pyramid has no or one detail level, not " + detailLevels);
        }
        if (wordStrength && words != WordSpace.FACTORIZED) {
            throw new IllegalArgumentException("a word's strength is the length of a factorised look-up's latent:"
                    + " it needs the factorised look-up, not " + words);
        }
        if (words != WordSpace.FACTORIZED) {
            lookupDimension = WordSpace.LOOKUP_DIMENSION; // unused: one value, so equal pyramids are equal
        }
    }

    /** The same pyramid with another average and word match (to read models trained with the first one). */
    public TokenSettings with(PyramidAverage otherAverage, WordMatch otherMatch) {
        return new TokenSettings(otherAverage, otherMatch, words, lookupDimension, detailLevels, wordStrength);
    }

    /** The same pyramid whose decoder reads words in {@code space}. */
    public TokenSettings withWords(WordSpace space) {
        return new TokenSettings(average, match, space, lookupDimension, detailLevels, wordStrength);
    }

    /** Words chosen by direction in a {@code dimensions}-d look-up space ({@link WordSpace#FACTORIZED}). */
    public TokenSettings withFactorizedLookup(int dimensions) {
        return new TokenSettings(
                average, WordMatch.COSINE, WordSpace.FACTORIZED, dimensions, detailLevels, wordStrength);
    }

    /**
     * The same pyramid with {@code levels} (0 or 1) detail levels after the paper's three: a detail level
     * samples every latent position again and quantizes what the three coarser words still lack there
     * (SPAE's dense last layers; ADR 0010, sixth round). Its tokens are words too, but no semantic term
     * pulls them: they carry the detail the 14 bits of one word per position cannot.
     */
    public TokenSettings withDetailLevels(int levels) {
        return new TokenSettings(average, match, words, lookupDimension, levels, wordStrength);
    }

    /** The words through a learnt map, matched by distance there ({@link WordSpace#LEARNT_MAP}). */
    public TokenSettings withLearntWordMap() {
        return new TokenSettings(
                average, WordMatch.EUCLIDEAN, WordSpace.LEARNT_MAP, lookupDimension, detailLevels, false);
    }

    /**
     * The same factorised pyramid whose decoder reads each chosen word at the strength of the latent that
     * chose it (ADR 0010, eighth round): s c(k), s being the length of the look-up latent before it is put
     * onto the unit sphere. The word is chosen by direction as before, so the tokens do not change; the
     * decoder also learns how strongly a 16x16-pixel block is that word, one number per position that a
     * choice among words cannot carry.
     */
    public TokenSettings withWordStrength(boolean strength) {
        return new TokenSettings(average, match, words, lookupDimension, detailLevels, strength);
    }

    /** Latent positions a side of one block of each pyramid level, coarsest first. */
    public int[] strides() {
        int[] strides = Arrays.copyOf(PyramidQuantizer.STRIDES, PyramidQuantizer.STRIDES.length + detailLevels);
        Arrays.fill(strides, PyramidQuantizer.STRIDES.length, strides.length, 1);
        return strides;
    }

    /** Every pyramid a model file may have been trained with, this one first. */
    public List<TokenSettings> variants() {
        List<TokenSettings> variants = new ArrayList<>(List.of(this));
        for (PyramidAverage a : PyramidAverage.values()) {
            for (WordMatch m : WordMatch.values()) {
                for (WordSpace space : WordSpace.values()) {
                    for (int detail = 0; detail <= 1; detail++) {
                        int[] dimensions = space == WordSpace.FACTORIZED
                                ? LOOKUP_DIMENSIONS
                                : new int[] {WordSpace.LOOKUP_DIMENSION};
                        for (int d : dimensions) {
                            for (boolean strength : space == WordSpace.FACTORIZED
                                    ? new boolean[] {false, true}
                                    : new boolean[] {false}) {
                                TokenSettings variant = new TokenSettings(a, m, space, d, detail, strength);
                                if (!variants.contains(variant)) {
                                    variants.add(variant);
                                }
                            }
                        }
                    }
                }
            }
        }
        return variants;
    }

    /** The choices as a model file's header names them: none for the first LangAE's pyramid. */
    @Override
    public String toString() {
        // Files written before the pyramid became a choice name no average: they used ALL_LEVELS.
        return (average == PyramidAverage.ALL_LEVELS ? "" : ", pyramid sampled-levels")
                + (match == WordMatch.EUCLIDEAN ? "" : ", words by cosine")
                + switch (words) {
                    case TABLE -> "";
                    case LEARNT_MAP -> ", words through a learnt map";
                    case FACTORIZED -> ", words looked up in " + lookupDimension + " dimensions";
                }
                + (detailLevels == 0 ? "" : ", " + detailLevels + " detail level")
                + (wordStrength ? ", words at the latent's strength" : "");
    }
}
