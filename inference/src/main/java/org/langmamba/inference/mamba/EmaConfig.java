package org.langmamba.inference.mamba;

/**
 * Sizes of an EMA block (SPEC, Stage 2): {@code channels} C of the feature map, ESSM expansion E
 * (2), S6 state size N (16), ES2D skip-sampling step p (2), CBAM reduction ratio r (16) and the
 * FFN's hidden multiple (2).
 */
public record EmaConfig(int channels, int expansion, int states, int step, int reduction, int ffnMultiple) {
    public EmaConfig {
        if (channels < 1 || expansion < 1 || states < 1 || step < 1 || reduction < 1 || ffnMultiple < 1) {
            throw new IllegalArgumentException("EMA block sizes must be positive: " + this);
        }
    }

    public static EmaConfig standard(int channels) {
        return new EmaConfig(channels, 2, 16, 2, 16, 2);
    }

    int expanded() {
        return expansion * channels;
    }
}
