package org.langmamba.training.train;

/** The loss became NaN or infinite: training stops, the last good checkpoint stays as it was. */
public final class TrainingDiverged extends RuntimeException {
    public TrainingDiverged(String message) {
        super(message);
    }
}
