package org.langmamba.viewer.processing;

import java.util.Locale;
import java.util.function.IntSupplier;
import javafx.concurrent.Task;
import org.langmamba.imaging.device.ComputeDevice;

/**
 * Denoises the slices of a {@link DenoisedSeries} that are still missing, always taking next the
 * one nearest to the slice on screen ({@code focus}, read before each slice), so scrolling ahead
 * of the worker pulls it along. Slices finished stay when the task is cancelled; a later task
 * picks up the rest. Progress, time per slice and the remaining time go to the message.
 */
public final class DenoiseSeriesTask extends Task<DenoisedSeries> {
    private final DenoisedSeries target;
    private final DenoiserPool pool;
    private final ComputeDevice device;
    private final IntSupplier focus;

    public DenoiseSeriesTask(DenoisedSeries target, DenoiserPool pool, ComputeDevice device, IntSupplier focus) {
        this.target = target;
        this.pool = pool;
        this.device = device;
        this.focus = focus;
    }

    public DenoisedSeries target() {
        return target;
    }

    @Override
    protected DenoisedSeries call() throws Exception {
        updateMessage("Loading " + target.model().name() + " on " + device + "…");
        SliceDenoiser denoiser = pool.get(target.model(), device);
        updateProgress(target.doneCount(), target.size());
        SeriesDenoising.denoiseRemaining(target, denoiser, focus, this::isCancelled, (done, total, perSlice) -> {
            updateProgress(done, total);
            updateMessage(String.format(
                    Locale.ROOT,
                    "Denoising with %s: %d / %d slices, %.2f s/slice, %s left",
                    target.model().name(),
                    done,
                    total,
                    perSlice,
                    duration(perSlice * (total - done))));
        });
        return target;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
