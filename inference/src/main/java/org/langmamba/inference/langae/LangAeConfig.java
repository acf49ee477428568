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
        WordSpace words,
        int lookupDimension,
        int detailLevels) {
    public static final int SCALES = 5;

    /** The look-up dimensions a factorised LangAE may use (ADR 0010): ViT-VQGAN's 8 first. */
    public static final int[] LOOKUP_DIMENSIONS = {8, 16, 32};

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
        if (words == WordSpace.FACTORIZED && Arrays.stream(LOOKUP_DIMENSIONS).noneMatch(d -> d == lookupDimension)) {
            throw new IllegalArgumentException("a factorised look-up uses " + Arrays.toString(LOOKUP_DIMENSIONS)
                    + " dimensions, not " + lookupDimension);
        }
        if (detailLevels < 0 || detailLevels > 1) {
            throw new IllegalArgumentException("a token pyramid has no or one detail level, not " + detailLevels);
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
                WordSpace.TABLE,
                WordSpace.LOOKUP_DIMENSION,
                0);
    }

    /** The same network with another token pyramid (to read models trained with the first one). */
    public LangAeConfig withTokens(PyramidAverage average, WordMatch wordMatch) {
        return tokens(average, wordMatch, words, lookupDimension, detailLevels);
    }

    /** The same network whose decoder reads words in {@code space}. */
    public LangAeConfig withWords(WordSpace space) {
        return tokens(pyramid, match, space, lookupDimension, detailLevels);
    }

    /** Words chosen in a low-dimensional look-up space ({@link WordSpace#FACTORIZED}), by direction. */
    public LangAeConfig withFactorizedLookup() {
        return withFactorizedLookup(WordSpace.LOOKUP_DIMENSION);
    }

    /** The same in {@code dimensions} (one of {@link #LOOKUP_DIMENSIONS}). */
    public LangAeConfig withFactorizedLookup(int dimensions) {
        return tokens(pyramid, WordMatch.COSINE, WordSpace.FACTORIZED, dimensions, detailLevels);
    }

    /**
     * The same pyramid with {@code levels} (0 or 1) detail levels after the paper's three: a detail level
     * samples every latent position again and quantizes what the three coarser words still lack there
     * (SPAE's dense last layers; ADR 0010, sixth round). Its tokens are words too, but no semantic term
     * pulls them: they carry the detail the 14 bits of one word per position cannot.
     */
    public LangAeConfig withDetailLevels(int levels) {
        return tokens(pyramid, match, words, lookupDimension, levels);
    }

    /** This network with other token-pyramid settings (the withers' one constructor call). */
    private LangAeConfig tokens(
            PyramidAverage average, WordMatch wordMatch, WordSpace space, int dimension, int detail) {
        return new LangAeConfig(
                name,
                baseChannels,
                multipliers,
                resBlocks,
                attentionBlocks,
                groups,
                average,
                wordMatch,
                space,
                dimension,
                detail);
    }

    /** Latent positions a side of one block of each pyramid level, coarsest first. */
    public int[] strides() {
        int[] strides = Arrays.copyOf(PyramidQuantizer.STRIDES, PyramidQuantizer.STRIDES.length + detailLevels);
        Arrays.fill(strides, PyramidQuantizer.STRIDES.length, strides.length, 1);
        return strides;
    }

    /** The paper's levels (those the semantic term pulls and the overlay names): the first three. */
    public static int semanticLevels() {
        return PyramidQuantizer.STRIDES.length;
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
                    for (int detail = 0; detail <= 1; detail++) {
                        LangAeConfig variant =
                                withTokens(average, wordMatch).withWords(space).withDetailLevels(detail);
                        for (int dimension : space == WordSpace.FACTORIZED ? LOOKUP_DIMENSIONS : new int[] {8}) {
                            LangAeConfig sized = space == WordSpace.FACTORIZED
                                    ? variant.withFactorizedLookup(dimension).withTokens(average, wordMatch)
                                    : variant;
                            if (!sized.equals(this) && !variants.contains(sized)) {
                                variants.add(sized);
                            }
                        }
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
                && c.words == words
                && (words != WordSpace.FACTORIZED || c.lookupDimension == lookupDimension)
                && c.detailLevels == detailLevels;
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
                    case FACTORIZED -> ", words looked up in " + lookupDimension + " dimensions";
                }
                + (detailLevels == 0 ? "" : ", " + detailLevels + " detail level")
                + ")";
    }
}
