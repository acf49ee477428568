package org.langmamba.inference.mamba;

/**
 * Sizes of an EMA block (SPEC, Stage 2, and the authors' code): {@code channels} C in,
 * {@code outChannels} out (a decoder block reads the concatenated skip and upsampled maps and
 * narrows them in its FFN), ESSM expansion E, S6 state size N, ES2D skip-sampling step p, the
 * attention's reduction r (16); {@code scan}: whether the block has its ESSM branch (the compact
 * SEED leaves it out at the two finest levels, where it would cost most, ADR 0009); {@code residual}:
 * whether the FFN adds its input back (the authors' bottleneck does, their decoder blocks do not).
 */
public record EmaConfig(
        int channels,
        int outChannels,
        int expansion,
        int states,
        int step,
        int reduction,
        boolean scan,
        boolean residual) {
    public EmaConfig {
        if (channels < 1 || outChannels < 1 || expansion < 1 || states < 1 || step < 1 || reduction < 1) {
            throw new IllegalArgumentException("EMA block sizes must be positive: " + this);
        }
    }

    /** SPEC's sizes, C in and out, with the scan and the FFN's residual. */
    public static EmaConfig standard(int channels) {
        return new EmaConfig(channels, channels, 2, 16, 2, 16, true, true);
    }

    int expanded() {
        return expansion * channels;
    }
}
