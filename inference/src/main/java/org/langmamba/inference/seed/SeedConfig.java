package org.langmamba.inference.seed;

import java.util.Locale;

/**
 * SEED's decoder sizes: S6 state size N, ESSM expansion E and ES2D step p of its EMA blocks (one at
 * the 1/16 bottleneck and one at each of the four decoder levels, as the authors' code has it);
 * {@code scanLevels}: how many of those five, from the bottleneck up, have the scan branch; and
 * whether SEED predicts the noise ({@code RESIDUAL}: output = input - head) or the image itself
 * ({@code DIRECT}, as the authors' released code). {@code paper}: SPEC's N 16, E 2, the scan
 * everywhere. {@code compact}: N 8, E 1, the scan at the two coarsest levels only (1/16 and 1/8), so that a
 * 512x512 slice denoises in about a second on two CPU cores and trains there (ADR 0009). Both
 * predict the noise: a prototype of the authors' decoder learnt +3 dB in 12 CPU minutes that way
 * and +0.4 dB with direct output (SPEC).
 */
public record SeedConfig(String name, int states, int expansion, int step, int scanLevels, Output output) {
    /** What the head's output is. */
    public enum Output {
        RESIDUAL,
        DIRECT
    }

    /** The EMA blocks: the bottleneck and four decoder levels. */
    public static final int LEVELS = 5;

    public SeedConfig {
        if (states < 1 || expansion < 1 || step < 1 || scanLevels < 0 || scanLevels > LEVELS) {
            throw new IllegalArgumentException("SEED sizes must be positive, scan levels 0.." + LEVELS + ": " + name);
        }
    }

    public static SeedConfig paper() {
        return new SeedConfig("paper", 16, 2, 2, LEVELS, Output.RESIDUAL);
    }

    public static SeedConfig compact() {
        return new SeedConfig("compact", 8, 1, 2, 2, Output.RESIDUAL);
    }

    /** The compact SEED predicting the image itself, as the authors' code does: issue 14's other output. */
    public static SeedConfig compactDirect() {
        return new SeedConfig("compact", 8, 1, 2, 2, Output.DIRECT);
    }

    /** Whether the EMA block of {@code level} (0 the bottleneck, 4 full resolution) has the scan branch. */
    public boolean scans(int level) {
        return level < scanLevels;
    }

    @Override
    public String toString() {
        return name + "(N " + states + ", E " + expansion + ", step " + step + ", scan at " + scanLevels + " of "
                + LEVELS + " levels, " + output.name().toLowerCase(Locale.ROOT) + " output, v2)";
    }
}
