package org.langmamba.viewer.processing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where a feature's long work runs (denoising, token pyramids, scores, study loading). The
 * workstation gives each feature one background thread of its own, so its jobs run in order, one
 * at a time, off the FX thread, and a network is only ever called from one thread. View-model tests
 * pass {@link #SAME_THREAD} instead and see the result as soon as the call returns.
 */
public final class Workers {
    /** Runs each job at once on the calling thread. */
    public static final Executor SAME_THREAD = Runnable::run;

    private static final List<ExecutorService> STARTED = new CopyOnWriteArrayList<>();

    private Workers() {}

    /** One daemon thread named {@code name} (it never keeps the application alive). */
    public static Executor singleThread(String name) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        STARTED.add(executor);
        return executor;
    }

    /**
     * Before the application exits: drops queued jobs, interrupts running ones (a series being
     * denoised stops after its current slice) and waits up to {@code wait} for them to leave the
     * network. A daemon thread still inside libtorch when the JVM exits crashes it: the native
     * library's globals are torn down under the running convolution (exit status 134, an hs_err file).
     *
     * @return whether every worker stopped in time
     */
    public static boolean stopAll(Duration wait) {
        STARTED.forEach(ExecutorService::shutdownNow);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean stopped = true;
        for (ExecutorService executor : STARTED) {
            try {
                stopped &= executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        STARTED.clear();
        return stopped;
    }
}
