package org.langmamba.viewer.denoise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.processing.SliceDenoiser;
import org.langmamba.viewer.processing.SliceScorer;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModelTest;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Denoising's view-model alone: panes, a fake backend whose network subtracts 100 HU, and its
 * work on the calling thread, so no window, no network and no waiting for a worker.
 */
class DenoiseViewModelTest {
    private static final ModelChoice MINUS_100 = new ModelChoice("minus-100", "Minus 100", "0000", "test network");

    /** The networks a workstation without a GPU offers: one model on the CPU, subtracting 100 HU. */
    static final class FakeBackend implements ProcessingBackend {
        int denoisersOpened;

        @Override
        public List<ModelChoice> models() {
            return List.of(MINUS_100);
        }

        @Override
        public List<ComputeDevice> devices() {
            return List.of(ComputeDevice.CPU);
        }

        @Override
        public SliceDenoiser openDenoiser(ModelChoice model, ComputeDevice device) {
            denoisersOpened++;
            return new SliceDenoiser() {
                @Override
                public HuImage denoise(HuImage slice) {
                    float[] hu = slice.toArray();
                    for (int i = 0; i < hu.length; i++) {
                        hu[i] -= 100;
                    }
                    return new HuImage(slice.width(), slice.height(), hu);
                }

                @Override
                public String deviceName() {
                    return device.name();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public SliceTokenReader openTokenReader(ComputeDevice device) throws IOException {
            throw new IOException("no LangAE in this test");
        }

        @Override
        public SliceScorer scorer() {
            return null;
        }

        @Override
        public ModelChoice addModelFile(Path file) throws IOException {
            throw new IOException(file + " is not a model");
        }
    }

    private final FakeBackend backend = new FakeBackend();
    private final PaneSet panes = new PaneSet(WindowPresets.standard());
    private final DenoiseViewModel denoising =
            new DenoiseViewModel(panes, backend, null, series -> Optional.empty(), Workers.SAME_THREAD);

    @BeforeAll
    static void startJavaFx() throws Exception {
        // Tasks report progress through the FX thread: the toolkit must run (headless Monocle), no window needed.
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFxThread(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    @Test
    void paneBShowsTheNetworksOutputForEverySliceBesidePaneAsOriginal() throws Exception {
        CtSeries series = SliceViewModelTest.series(6, Optional.empty());
        onFxThread(() -> {
            panes.panes().get(0).showSeries(series);
            panes.panes().get(0).showSlice(3);
            return denoising.denoise();
        });

        assertThat(panes.paneCountProperty().get()).isEqualTo(2);
        assertThat(panes.link().lockedProperty().get()).isTrue();
        assertThat(denoising.shownProperty().get().isComplete()).isTrue();
        for (int k = 0; k < 6; k++) {
            assertThat(denoising.shownProperty().get().image(k).orElseThrow().hu(5, 5))
                    .isEqualTo(k - 100f);
        }
        assertThat(panes.panes().get(1).sliceIndexProperty().get()).isEqualTo(3);
        assertThat(denoising.statusProperty().get())
                .contains("Minus 100")
                .contains("s/slice")
                .contains("6 slices");
    }

    @Test
    void denoisingTheSameSeriesAgainReusesTheResultAndTheLoadedNetwork() throws Exception {
        CtSeries series = SliceViewModelTest.series(4, Optional.empty());
        onFxThread(() -> {
            panes.panes().get(0).showSeries(series);
            return denoising.denoise();
        });
        Object again = onFxThread(denoising::denoise);

        assertThat(again).as("nothing left to run").isNull();
        assertThat(backend.denoisersOpened).isEqualTo(1);
    }

    @Test
    void aGpuChosenInSettingsButMissingHereFallsBackToTheCpuAndSaysSo() throws Exception {
        onFxThread(() -> {
            denoising.applyDefaults("Minus 100", DevicePreference.GPU);
            return null;
        });

        assertThat(denoising.deviceProperty().get()).isEqualTo(ComputeDevice.CPU);
        assertThat(denoising.statusProperty().get())
                .contains("GPU")
                .contains("not usable")
                .contains("CPU");
    }

    @Test
    void anRoiDrawnBeforeTheDifferencePaneOpensIsMeasuredThereToo() throws Exception {
        CtSeries series = SliceViewModelTest.series(4, Optional.empty());
        Roi roi = Roi.Rectangle.between(2, 2, 10, 6);
        onFxThread(() -> {
            panes.panes().get(0).showSeries(series);
            panes.panes().get(0).roiProperty().set(roi);
            denoising.differenceProperty().set(true);
            return denoising.denoise();
        });

        assertThat(panes.paneCountProperty().get()).isEqualTo(3);
        assertThat(panes.panes().get(1).roiProperty().get()).as("pane B").isEqualTo(roi);
        assertThat(panes.panes().get(2).roiProperty().get()).as("pane C").isEqualTo(roi);
    }

    @Test
    void withNothingOpenItSaysSoInsteadOfFailing() throws Exception {
        Object task = onFxThread(denoising::denoise);

        assertThat(task).isNull();
        assertThat(denoising.statusProperty().get()).contains("open a study first");
    }
}
