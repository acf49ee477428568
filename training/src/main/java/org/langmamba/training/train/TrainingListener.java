package org.langmamba.training.train;

/** What a training run reports as it goes: the console bar, the wizard's chart. */
public interface TrainingListener {
    /** After step {@code step} (1-based) of {@code total}. */
    void step(long step, long total, double loss, double learningRate);

    /** A validation, checkpoint or summary line. */
    void message(String text);

    /** After a validation on whole slices (the wizard's chart and preview). */
    default void validated(long step, SeriesEvaluation.Summary scores) {}

    /**
     * Just before each backward pass, with the step's graph built: {@code --gc-stress} and the
     * GC-stress tests collect garbage and scribble over freed memory here (GcStress, ADR 0008).
     */
    default void beforeBackward() {}

    /** Polled between steps: true stops the run after writing a checkpoint (the wizard's cancel). */
    default boolean stopRequested() {
        return false;
    }

    /**
     * Polled between steps: true ends the run now with a model, the weights of its best validation so
     * far (the wizard's "Stop and keep the best"); a run that has not validated yet keeps its current weights.
     */
    default boolean finishRequested() {
        return false;
    }

    TrainingListener SILENT = new TrainingListener() {
        @Override
        public void step(long step, long total, double loss, double learningRate) {}

        @Override
        public void message(String text) {}
    };
}
