package org.langmamba.viewer.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The application's exit: background work leaves the network before the JVM tears libtorch down. */
class WorkersTest {
    @Test
    void stoppingAllWorkersEndsTheRunningJobAtItsNextCheckAndDropsTheQueuedOnes() throws Exception {
        Executor worker = Workers.singleThread("test-denoiser");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finishedItsSlices = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        worker.execute(() -> {
            running.countDown();
            // A series being denoised: one "slice" after another until interrupted.
            for (int slice = 0; slice < 10_000 && !Thread.currentThread().isInterrupted(); slice++) {
                busyFor(Duration.ofMillis(5));
            }
            finishedItsSlices.set(!Thread.currentThread().isInterrupted());
        });
        worker.execute(() -> queuedRan.set(true));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Workers.stopAll(Duration.ofSeconds(10)))
                .as("stopped in time")
                .isTrue();
        assertThat(finishedItsSlices).as("the running job stopped early").isFalse();
        assertThat(queuedRan).as("the queued job never ran").isFalse();
    }

    /** Work that does not sleep (a native call cannot be interrupted either). */
    private static void busyFor(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
