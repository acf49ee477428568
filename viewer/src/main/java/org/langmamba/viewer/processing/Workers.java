package org.langmamba.viewer.processing;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Where a feature's long work runs (denoising, token pyramids, scores, study loading). The
 * workstation gives each feature one background thread of its own, so its jobs run in order, one
 * at a time, off the FX thread, and a network is only ever called from one thread. View-model tests
 * pass {@link #SAME_THREAD} instead and see the result as soon as the call returns.
 */
public final class Workers {
    /** Runs each job at once on the calling thread. */
    public static final Executor SAME_THREAD = Runnable::run;

    private Workers() {}

    /** One daemon thread named {@code name} (it never keeps the application alive). */
    public static Executor singleThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
