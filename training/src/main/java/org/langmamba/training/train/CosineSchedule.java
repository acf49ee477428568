package org.langmamba.training.train;

/** Cosine annealing (the paper's schedule): from {@code start} at step 0 to {@code end} at the last step. */
public record CosineSchedule(double start, double end, long steps) {
    public CosineSchedule {
        // Fields are not assigned yet in a compact constructor: name the arguments, not this.
        if (!(start > 0) || !(end >= 0) || end > start) {
            throw new IllegalArgumentException("the learning rate must start above 0 (--lr, got " + start
                    + ") and end between 0 and its start (--lr-end, got " + end + ")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a run needs at least 1 step (--steps, got " + steps + ")");
        }
    }

    /** Learning rate for the 0-based step. */
    public float at(long step) {
        double t = Math.min(1.0, (double) step / Math.max(1, steps - 1));
        return (float) (end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * t)));
    }
}
