package org.langmamba.inference.seed;

/**
 * SEED's decoder sizes: {@code emaBlocksPerLevel} EMA blocks at each of the four decoder levels
 * (1/8, 1/4, 1/2, full resolution) and at the 1/16 bottleneck, with S6 state size, ESSM expansion
 * and ES2D step as in SPEC (16, 2, 2). Channel widths follow the LangAE encoder it reuses.
 */
public record SeedConfig(String name, int emaBlocksPerLevel, int states, int expansion, int step) {
    public SeedConfig {
        if (emaBlocksPerLevel < 1 || states < 1 || expansion < 1 || step < 1) {
            throw new IllegalArgumentException("SEED sizes must be positive: " + this);
        }
    }

    public static SeedConfig paper() {
        return new SeedConfig("paper", 2, 16, 2, 2);
    }

    public static SeedConfig compact() {
        return new SeedConfig("compact", 1, 16, 2, 2);
    }
}
