package org.langmamba.inference.langae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LangAE's width and depth (SPEC, Stage 1). Five scales (full, 1/2, 1/4, 1/8, 1/16: 512 to 32 for a
 * 512x512 slice), channels {@code baseChannels * multipliers[s]} at scale s, {@code resBlocks} ResNet
 * blocks per scale, {@code attentionBlocks} at the lowest scale, GroupNorm with {@code groups}.
 * {@code paper} follows VQGAN's settings; {@code compact} is the same network, narrow enough to train
 * on a 2-core CPU.
 */
public record LangAeConfig(
        String name,
        int baseChannels,
        int[] multipliers,
        int resBlocks,
        int attentionBlocks,
        int groups,
        PyramidAverage pyramid,
        WordMatch match,
        WordSpace words) {
    public static final int SCALES = 5;

    public LangAeConfig {
        if (multipliers.length != SCALES) {
            throw new IllegalArgumentException(
                    "LangAE has " + SCALES + " scales, got " + multipliers.length + " multipliers");
        }
        for (int m : multipliers) {
            if ((baseChannels * m) % groups != 0) {
                throw new IllegalArgumentException(
                        "channels " + baseChannels * m + " do not split into " + groups + " groups");
            }
        }
        multipliers = multipliers.clone();
    }

    /** A LangAE with the authors' pyramid average and words matched by direction ({@link WordMatch#COSINE}). */
    public LangAeConfig(
            String name, int baseChannels, int[] multipliers, int resBlocks, int attentionBlocks, int groups) {
        this(
                name,
                baseChannels,
                multipliers,
                resBlocks,
                attentionBlocks,
                groups,
                PyramidAverage.SAMPLED_LEVELS,
                WordMatch.COSINE,
                WordSpace.TABLE);
    }

    /** The same network with another token pyramid (to read models trained with the first one). */
    public LangAeConfig withTokens(PyramidAverage average, WordMatch wordMatch) {
        return new LangAeConfig(
                name, baseChannels, multipliers, resBlocks, attentionBlocks, groups, average, wordMatch, words);
    }

    /** The same network whose decoder reads words in {@code space}. */
    public LangAeConfig withWords(WordSpace space) {
        return new LangAeConfig(
                name, baseChannels, multipliers, resBlocks, attentionBlocks, groups, pyramid, match, space);
    }

    /** Words chosen in a low-dimensional look-up space ({@link WordSpace#FACTORIZED}), by direction. */
    public LangAeConfig withFactorizedLookup() {
        return withTokens(pyramid, WordMatch.COSINE).withWords(WordSpace.FACTORIZED);
    }

    /** The words through a learnt map, matched by distance there ({@link WordSpace#LEARNT_MAP}). */
    public LangAeConfig withLearntWordMap() {
        return withTokens(pyramid, WordMatch.EUCLIDEAN).withWords(WordSpace.LEARNT_MAP);
    }

    /** This network with each token pyramid a model file may have been trained with, this one first. */
    public List<LangAeConfig> tokenVariants() {
        List<LangAeConfig> variants = new ArrayList<>(List.of(this));
        for (PyramidAverage average : PyramidAverage.values()) {
            for (WordMatch wordMatch : WordMatch.values()) {
                for (WordSpace space : WordSpace.values()) {
                    LangAeConfig variant = withTokens(average, wordMatch).withWords(space);
                    if (!variant.equals(this)) {
                        variants.add(variant);
                    }
                }
            }
        }
        return variants;
    }

    public static LangAeConfig paper() {
        return new LangAeConfig("paper", 128, new int[] {1, 1, 2, 2, 4}, 2, 2, 32);
    }

    public static LangAeConfig compact() {
        return new LangAeConfig("compact", 16, new int[] {1, 2, 2, 4, 4}, 1, 2, 8);
    }

    public int channels(int scale) {
        return baseChannels * multipliers[scale];
    }

    /** Input sizes must be multiples of this (four 2x downsamplings). */
    public static int stride() {
        return 1 << (SCALES - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LangAeConfig c
                && c.name.equals(name)
                && c.baseChannels == baseChannels
                && Arrays.equals(c.multipliers, multipliers)
                && c.resBlocks == resBlocks
                && c.attentionBlocks == attentionBlocks
                && c.groups == groups
                && c.pyramid == pyramid
                && c.match == match
                && c.words == words;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(multipliers) + baseChannels;
    }

    @Override
    public String toString() {
        return name + "(base " + baseChannels + ", multipliers " + Arrays.toString(multipliers) + ", res " + resBlocks
                + ", attention " + attentionBlocks + ", groups " + groups
                // Files written before the pyramid became a choice name no average: they used ALL_LEVELS.
                + (pyramid == PyramidAverage.ALL_LEVELS ? "" : ", pyramid sampled-levels")
                + (match == WordMatch.EUCLIDEAN ? "" : ", words by cosine")
                + switch (words) {
                    case TABLE -> "";
                    case LEARNT_MAP -> ", words through a learnt map";
                    case FACTORIZED -> ", words looked up in " + WordSpace.LOOKUP_DIMENSION + " dimensions";
                }
                + ")";
    }
}
