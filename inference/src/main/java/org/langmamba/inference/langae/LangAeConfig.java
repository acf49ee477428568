package org.langmamba.inference.langae;

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
        TokenSettings tokens) {
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

    /** A LangAE with the authors' token settings ({@link TokenSettings#AUTHORS}). */
    public LangAeConfig(
            String name, int baseChannels, int[] multipliers, int resBlocks, int attentionBlocks, int groups) {
        this(name, baseChannels, multipliers, resBlocks, attentionBlocks, groups, TokenSettings.AUTHORS);
    }

    /** The same network with another token pyramid. */
    public LangAeConfig withTokens(TokenSettings pyramid) {
        return new LangAeConfig(name, baseChannels, multipliers, resBlocks, attentionBlocks, groups, pyramid);
    }

    /** Words chosen in an 8-d look-up space ({@link WordSpace#FACTORIZED}), by direction. */
    public LangAeConfig withFactorizedLookup() {
        return withFactorizedLookup(WordSpace.LOOKUP_DIMENSION);
    }

    /** The same in {@code dimensions} (one of {@link TokenSettings#LOOKUP_DIMENSIONS}). */
    public LangAeConfig withFactorizedLookup(int dimensions) {
        return withTokens(tokens.withFactorizedLookup(dimensions));
    }

    /** The same pyramid with {@code levels} (0 or 1) detail levels ({@link TokenSettings#withDetailLevels}). */
    public LangAeConfig withDetailLevels(int levels) {
        return withTokens(tokens.withDetailLevels(levels));
    }

    /** The same factorised pyramid, its words read at the latent's strength or not ({@link TokenSettings#withWordStrength}). */
    public LangAeConfig withWordStrength(boolean strength) {
        return withTokens(tokens.withWordStrength(strength));
    }

    /** The words through a learnt map, matched by distance there ({@link WordSpace#LEARNT_MAP}). */
    public LangAeConfig withLearntWordMap() {
        return withTokens(tokens.withLearntWordMap());
    }

    /** Latent positions a side of one block of each pyramid level, coarsest first. */
    public int[] strides() {
        return tokens.strides();
    }

    /** The paper's levels (those the semantic term pulls and the overlay names): the first three. */
    public static int semanticLevels() {
        return PyramidQuantizer.STRIDES.length;
    }

    /** This network with each token pyramid a model file may have been trained with, this one first. */
    public List<LangAeConfig> tokenVariants() {
        return tokens.variants().stream().map(this::withTokens).toList();
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
                && c.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(multipliers) + baseChannels;
    }

    @Override
    public String toString() {
        return name + "(base " + baseChannels + ", multipliers " + Arrays.toString(multipliers) + ", res " + resBlocks
                + ", attention " + attentionBlocks + ", groups " + groups + tokens + ")";
    }
}
