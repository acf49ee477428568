package org.langmamba.viewer.denoise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.Patient;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.dialogs.ScriptedDialogs;
import org.langmamba.viewer.processing.FakeBackend;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SliceDenoiser;
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
    private static final ModelChoice MINUS_100 = FakeBackend.MINUS_100;

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
    void anExportAskedForWhileDenoisingSaysItIsQueuedBehindItAndCanBeCancelled(@TempDir Path parent) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeBackend slow = new FakeBackend() {
            @Override
            public SliceDenoiser openDenoiser(ModelChoice model, ComputeDevice device) {
                SliceDenoiser fast = super.openDenoiser(model, device);
                return new SliceDenoiser() {
                    @Override
                    public HuImage denoise(HuImage slice) {
                        try {
                            gate.await(); // the network is busy until the test lets it go
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return fast.denoise(slice);
                    }

                    @Override
                    public String deviceName() {
                        return fast.deviceName();
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        CtSeries series = SliceViewModelTest.series(5, Optional.empty());
        CtStudy study = new CtStudy("1.2.3", new Patient("Test", "P1", "", "O"), "", "", "", "", "", List.of(series));
        DenoiseViewModel queued = new DenoiseViewModel(
                panes, slow, new PixelMedStudyStore(), s -> Optional.of(study), Workers.singleThread("test-denoiser"));
        try {
            onFxThread(() -> {
                panes.panes().get(0).showSeries(series);
                return queued.denoise();
            });
            String question = onFxThread(() -> queued.exportQuestion(parent).orElseThrow());
            assertThat(question).contains("Minus 100, 0000").contains("5 slices are still being denoised");

            onFxThread(() -> queued.exportDicom(parent, false));
            assertThat(queued.exportStatusProperty().get())
                    .contains("Export queued")
                    .contains("5 of 5 slices still to denoise with Minus 100");

            onFxThread(() -> {
                queued.cancelExport();
                return null;
            });
            assertThat(queued.exportProperty().get().getState()).isEqualTo(Worker.State.CANCELLED);
            assertThat(queued.exportStatusProperty().get())
                    .contains("Export cancelled")
                    .contains("nothing written");
        } finally {
            onFxThread(() -> {
                queued.cancel();
                return null;
            });
            gate.countDown();
        }
        try (Stream<Path> written = Files.list(parent)) {
            assertThat(written).as("folders written").isEmpty();
        }
    }

    @Test
    void withNothingOpenItSaysSoInsteadOfFailing() throws Exception {
        Object task = onFxThread(denoising::denoise);

        assertThat(task).isNull();
        assertThat(denoising.statusProperty().get()).contains("open a study first");
    }

    @Test
    void aModelFileTheBackendRefusesIsShownWithItsNameAndTheReason(@TempDir Path folder) throws Exception {
        Path notAModel = folder.resolve("site-seed.lmmd");
        ScriptedDialogs user = new ScriptedDialogs().picks(notAModel);

        Optional<ModelChoice> added = onFxThread(() -> denoising.addModelAsking(user));

        assertThat(added).isEmpty();
        assertThat(user.shown).anyMatch(m -> m.startsWith("file: ") && m.contains("*.lmmd"));
        assertThat(user.shown).anyMatch(m -> m.startsWith("error: ") && m.contains(notAModel + ": "));
        assertThat(user.shown).anyMatch(m -> m.contains("is not a model"));
        assertThat(denoising.models()).containsExactly(MINUS_100);
    }

    @Test
    void anExportIsAskedForWithItsSeriesModelAndOptionAndCancellingWritesNothing(@TempDir Path parent)
            throws Exception {
        ScriptedDialogs nothingShown = new ScriptedDialogs().picks(parent).confirms(false);
        assertThat(onFxThread(() -> denoising.exportDicomAsking(nothingShown))).isNull();
        assertThat(nothingShown.shown).as("nothing denoised: nothing asked").isEmpty();
        assertThat(denoising.statusProperty().get()).contains("denoise a series first");

        CtSeries series = SliceViewModelTest.series(4, Optional.empty());
        onFxThread(() -> {
            panes.panes().get(0).showSeries(series);
            return denoising.denoise();
        });
        ScriptedDialogs cancels = new ScriptedDialogs().picks(parent); // OK never pressed
        assertThat(onFxThread(() -> denoising.exportDicomAsking(cancels))).isNull();

        assertThat(cancels.shown).hasSize(2);
        assertThat(cancels.shown.get(0)).startsWith("folder: ");
        assertThat(cancels.shown.get(1))
                .contains("denoised by Minus 100, 0000 (4 slices)")
                .contains("[De-identify");
        try (Stream<Path> written = Files.list(parent)) {
            assertThat(written).as("folders written").isEmpty();
        }
    }
}
