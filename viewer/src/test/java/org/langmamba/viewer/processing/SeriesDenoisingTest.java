package org.langmamba.viewer.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.viewer.slice.SliceViewModelTest;

/** The loop the viewer, the export and the command line share, with a network that subtracts 100 HU. */
public class SeriesDenoisingTest {
    private static final ModelChoice MODEL = new ModelChoice("minus-100", "Minus 100", "0000", "test network");

    /** Records the HU of each slice it is given (slice k holds k HU everywhere) and lowers it by 100 HU (or another amount). */
    public static final class MinusHundred implements SliceDenoiser {
        final List<Integer> order = new ArrayList<>();
        private final float amount;

        public MinusHundred() {
            this(100);
        }

        public MinusHundred(float amount) {
            this.amount = amount;
        }

        @Override
        public HuImage denoise(HuImage slice) {
            order.add((int) slice.hu(0, 0));
            float[] hu = slice.toArray();
            for (int i = 0; i < hu.length; i++) {
                hu[i] -= amount;
            }
            return new HuImage(slice.width(), slice.height(), hu);
        }

        @Override
        public String deviceName() {
            return "CPU";
        }

        @Override
        public void close() {}
    }

    @Test
    void theSliceOnScreenComesFirstThenItsNeighboursAndEverySliceIsDenoisedOnce() {
        CtSeries series = SliceViewModelTest.series(7, Optional.empty());
        DenoisedSeries target = DenoisedSeries.headless(series, MODEL);
        MinusHundred network = new MinusHundred();
        List<String> progress = new ArrayList<>();

        int done = SeriesDenoising.denoiseRemaining(
                target, network, () -> 4, () -> false, (d, total, perSlice) -> progress.add(d + "/" + total));

        assertThat(done).isEqualTo(7);
        assertThat(network.order).containsExactly(4, 5, 3, 6, 2, 1, 0);
        assertThat(progress).containsExactly("1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7");
        assertThat(target.isComplete()).isTrue();
        for (int k = 0; k < 7; k++) {
            assertThat(target.images().get(k).hu(3, 2)).isEqualTo(k - 100f);
        }
        assertThat(target.deviceName()).isEqualTo("CPU");
    }

    @Test
    void aCancelledRunKeepsWhatItDidAndTheNextRunDoesOnlyTheRest() {
        CtSeries series = SliceViewModelTest.series(5, Optional.empty());
        DenoisedSeries target = DenoisedSeries.headless(series, MODEL);
        MinusHundred network = new MinusHundred();
        AtomicInteger calls = new AtomicInteger();

        int first = SeriesDenoising.denoiseRemaining(
                target, network, () -> 0, () -> calls.incrementAndGet() > 2, SeriesDenoising.Progress.NONE);
        assertThat(first).isEqualTo(2);
        assertThat(target.doneCount()).isEqualTo(2);
        assertThat(target.isComplete()).isFalse();

        int rest =
                SeriesDenoising.denoiseRemaining(target, network, () -> 0, () -> false, SeriesDenoising.Progress.NONE);
        assertThat(rest).isEqualTo(3);
        assertThat(network.order).containsExactly(0, 1, 2, 3, 4);
    }
}
