package org.langmamba.training.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or a kill (SIGTERM) during a training run on the command line: the run stops at the end of
 * its step and writes its checkpoint, and only then does the JVM exit. Without it the JVM exits under
 * a running backward pass and tears libtorch's globals down beneath it (SIGSEGV, exit status 134, an
 * hs_err file; ADR 0010, seventh round). Open it before the network's manager, so that it closes after
 * the manager: the JVM may finish exiting as soon as this closes.
 */
public final class StopOnSignal implements TrainingListener, AutoCloseable {
    /** A step of the paper-size networks on a slow CPU, with the checkpoint after it. */
    private static final long WAIT_SECONDS = 120;

    private final TrainingListener delegate;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    public StopOnSignal(TrainingListener delegate) {
        this.delegate = delegate;
        hook = new Thread(this::stopAndWait, "stop-training-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stopAndWait() {
        requested = true;
        delegate.message("stopping at the end of this step; the checkpoint will be written (resume with --resume)");
        try {
            closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a signal asked the run to stop. */
    public boolean signalled() {
        return requested;
    }

    @Override
    public boolean stopRequested() {
        return requested || delegate.stopRequested();
    }

    @Override
    public void step(long step, long total, double loss, double learningRate) {
        delegate.step(step, total, loss, learningRate);
    }

    @Override
    public void message(String text) {
        delegate.message(text);
    }

    @Override
    public void validated(long step, SeriesEvaluation.Summary scores) {
        delegate.validated(step, scores);
    }

    @Override
    public boolean finishRequested() {
        return delegate.finishRequested();
    }

    @Override
    public void beforeBackward() {
        delegate.beforeBackward();
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the run is closed
        }
    }
}
