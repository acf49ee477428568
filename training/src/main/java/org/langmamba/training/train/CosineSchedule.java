package org.langmamba.training.train;

/** Cosine annealing (the paper's schedule): from {@code start} at step 0 to {@code end} at the last step. */
public record CosineSchedule(double start, double end, long steps) {
    public CosineSchedule {
        if (steps < 1 || start <= 0 || end < 0 || end > start) {
            throw new IllegalArgumentException("cosine schedule needs steps >= 1 and start >= end >= 0: " + this);
        }
    }

    /** Learning rate for the 0-based step. */
    public float at(long step) {
        double t = Math.min(1.0, (double) step / Math.max(1, steps - 1));
        return (float) (end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * t)));
    }
}
