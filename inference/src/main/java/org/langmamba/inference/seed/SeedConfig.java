package org.langmamba.inference.seed;

/**
 * SEED's decoder sizes: {@code emaBlocksPerLevel} EMA blocks at each of the four decoder levels
 * (1/8, 1/4, 1/2, full resolution) and at the 1/16 bottleneck, with S6 state size N, ESSM
 * expansion E and ES2D step p. Channel widths follow the LangAE encoder it reuses. {@code paper}
 * has SPEC's N 16, E 2; {@code compact} N 8, E 1, because at full resolution the scan's cost is
 * pixels x E C x N and the compact model must denoise a 512x512 slice in about a second on two CPU
 * cores (0.99 s measured with N 8, E 1; 1.9 s with N 16, E 2; README, network-benchmark).
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
        return new SeedConfig("compact", 1, 8, 1, 2);
    }
}
