package org.langmamba.viewer.processing;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.langmamba.imaging.image.HuImage;

/**
 * The one loop that denoises what is still missing of a series: the viewer's background task, the
 * export that waits for the rest of a series and the {@code denoise} command all run it. It always
 * takes next the slice nearest to {@code focus} (the one on screen), so scrolling pulls it along,
 * and stops between slices when asked; slices already done stay done.
 */
public final class SeriesDenoising {
    /** Told after every slice: how many are done of how many, and the network's mean time per slice in this run. */
    public interface Progress {
        Progress NONE = (done, total, secondsPerSlice) -> {};

        void sliceDone(int done, int total, double secondsPerSlice);
    }

    private SeriesDenoising() {}

    /**
     * Denoises the missing slices of {@code target} with {@code denoiser} until all are done or
     * {@code cancelled} says stop; returns how many slices this call denoised.
     */
    public static int denoiseRemaining(
            DenoisedSeries target,
            SliceDenoiser denoiser,
            IntSupplier focus,
            BooleanSupplier cancelled,
            Progress progress) {
        int doneHere = 0;
        double networkSeconds = 0;
        for (int index = target.nextToDenoise(focus.getAsInt());
                // An interrupt is a cancel too: the application stops its workers this way when it exits.
                index >= 0
                        && !cancelled.getAsBoolean()
                        && !Thread.currentThread().isInterrupted();
                index = target.nextToDenoise(focus.getAsInt())) {
            long t0 = System.nanoTime();
            HuImage denoised = denoiser.denoise(target.source().slice(index).image());
            double seconds = (System.nanoTime() - t0) / 1e9;
            target.put(index, denoised, seconds, denoiser.deviceName());
            doneHere++;
            networkSeconds += seconds;
            progress.sliceDone(target.doneCount(), target.size(), networkSeconds / doneHere);
        }
        return doneHere;
    }
}
