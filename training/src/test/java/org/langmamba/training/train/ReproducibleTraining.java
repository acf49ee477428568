package org.langmamba.training.train;

import org.junit.jupiter.api.Assumptions;
import org.langmamba.inference.engine.BackwardReproducibility;

/**
 * Runs a test body that needs bit-exact training. Skipped up front on a machine where
 * {@link BackwardReproducibility} fails; a NaN stop or a mismatch during the body skips it too when a
 * longer re-check then finds the machine unreproducible, and fails it otherwise (a regression).
 */
final class ReproducibleTraining {
    interface Body {
        void run() throws Exception;
    }

    private ReproducibleTraining() {
    }

    static void check(Body body) throws Exception {
        Assumptions.assumeTrue(BackwardReproducibility.holds(), BackwardReproducibility.NOT_HERE);
        try {
            body.run();
        } catch (AssertionError | RuntimeException e) {
            Assumptions.assumeTrue(BackwardReproducibility.recheck(),
                    BackwardReproducibility.NOT_HERE + " (this run: " + e.getMessage() + ")");
            throw e;
        }
    }
}
