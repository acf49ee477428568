package org.langmamba.training.train;

/**
 * Cosine annealing (the paper's schedule): from {@code start} to {@code end} at the last step, after
 * a linear warm-up over the first {@code warmup} steps. Adam's first steps move every weight by the
 * full learning rate in the gradient's sign, all together: SEED's output jumped to 2x the low-dose
 * error, and the squared gradients of that jump kept its steps tiny for hundreds of steps after.
 */
public record CosineSchedule(double start, double end, long steps, long warmup) {
    /** The warm-up the denoisers train with: 5 % of the run, at most 100 steps. */
    public static long denoiserWarmup(long steps) {
        return Math.min(100, steps / 20);
    }

    public CosineSchedule(double start, double end, long steps) {
        this(start, end, steps, 0);
    }

    public CosineSchedule {
        // Fields are not assigned yet in a compact constructor: name the arguments, not this.
        if (!(start > 0) || !(end >= 0) || end > start) {
            throw new IllegalArgumentException("the learning rate must start above 0 (--lr, got " + start
                    + ") and end between 0 and its start (--lr-end, got " + end + ")");
        }
        if (warmup < 0 || warmup >= Math.max(1, steps)) {
            throw new IllegalArgumentException(
                    "the warm-up must be shorter than the run, got " + warmup + " of " + steps);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a run needs at least 1 step (--steps, got " + steps + ")");
        }
    }

    /** Learning rate for the 0-based step. */
    public float at(long step) {
        if (step < warmup) {
            return (float) (start * (step + 1) / (warmup + 1));
        }
        double t = Math.min(1.0, (double) step / Math.max(1, steps - 1));
        return (float) (end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * t)));
    }
}
