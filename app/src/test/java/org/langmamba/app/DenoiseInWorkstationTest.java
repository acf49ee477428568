package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedImageReader;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.SliceSource;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.NoisePowerSpectrum;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.RoiStatistics;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.slice.SliceViewModel;
import org.langmamba.viewer.tokens.TokenOverlayViewModel;
import org.langmamba.viewer.workstation.StudyList;
import org.langmamba.viewer.workstation.ViewerViewModel;
import org.langmamba.viewer.workstation.WorkstationView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workstation with its shipped networks, driven headless on the bundled sample study: denoise
 * (the real RED-CNN weights), the token overlay (the real LangAE), export and read back.
 */
@ExtendWith(ApplicationExtension.class)
class DenoiseInWorkstationTest {
    private WorkstationView view;
    private ViewerViewModel model;
    private DenoiseViewModel denoising;

    @Start
    void start(Stage stage) {
        model = WorkstationApp.viewerModel(
                new PixelMedStudyStore(), WindowPresets.standard(), new NetworkBackend(null), Workers::singleThread);
        view = new WorkstationView(model);
        denoising = model.denoising().orElseThrow();
        stage.setScene(new Scene(view, 1500, 900));
        stage.show();
    }

    /** Opens {@code inputs} in the workstation and waits until the study is shown. */
    private void open(List<Path> inputs) throws Exception {
        var task = WaitForAsyncUtils.asyncFx(() -> view.open(inputs)).get(10, TimeUnit.SECONDS);
        StudyLoad load = task.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> model.studyLoadProperty().get() == load);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Picks a shipped model by name in the denoising bar. */
    private void chooseModel(FxRobot robot, String name) {
        robot.interact(() -> denoising
                .modelProperty()
                .set(denoising.models().stream()
                        .filter(m -> m.name().equals(name))
                        .findFirst()
                        .orElseThrow()));
    }

    private void openSampleStudy() throws Exception {
        open(SharedResources.sampleStudyWithoutVolumes());
        // The study opens on its largest series (the four-slice low-dose head); these tests work on the
        // one-slice chest beside the JXD head, so that each RED-CNN denoising is one 512 slice.
        StudyList.SeriesEntry chest = oneSliceOf("CT1");
        StudyList.SeriesEntry head = oneSliceOf("JXD");
        WaitForAsyncUtils.asyncFx(() -> {
                    model.link().lockedProperty().set(false);
                    model.showInPane(0, chest);
                    model.showInPane(1, head);
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.panes().get(0).seriesProperty().get())
                .as("pane A: the 512 chest")
                .isSameAs(chest.series());
    }

    private StudyList.SeriesEntry oneSliceOf(String patient) {
        return model.series().stream()
                .filter(e -> e.series().width() == 512
                        && e.series().size() == 1
                        && (e.study().patient().name() + e.study().patient().id()).contains(patient))
                .findFirst()
                .orElseThrow();
    }

    /** Denoises pane A's series with the shipped RED-CNN by clicking the toolbar button, and waits for it. */
    private DenoisedSeries denoiseWithRedCnn(FxRobot robot) throws Exception {
        chooseModel(robot, "RED-CNN");
        robot.clickOn("#denoise");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> denoising.shownProperty().get() != null
                        && denoising.shownProperty().get().isComplete());
        WaitForAsyncUtils.waitForFxEvents();
        return denoising.shownProperty().get();
    }

    @Test
    void denoisingShowsADifferentLessNoisyRightPaneLabelledWithItsModel(FxRobot robot) throws Exception {
        openSampleStudy();
        DenoisedSeries result = denoiseWithRedCnn(robot);

        SliceViewModel left = model.panes().get(0);
        SliceViewModel right = model.panes().get(1);
        HuImage original = left.currentSlice().image();
        HuImage denoised = right.currentSlice().image();
        assertThat(right.seriesProperty().get()).isSameAs(left.seriesProperty().get());
        assertThat(meanAbsoluteDifference(original, denoised))
                .as("mean |denoised - original| HU")
                .isGreaterThan(2.0);
        assertThat(right.processingLabel())
                .startsWith("DENOISED – RED-CNN, " + result.model().version());
        assertThat(result.model().version()).hasSize(8);

        // The most uniform soft-tissue block of the original (lowest SD with a mean of 0-100 HU):
        // there the denoised pane must be less noisy. The ROI is drawn in A and follows into B (lock).
        int[] block = mostUniformSoftTissueBlock(original, 20);
        Roi roi = Roi.Rectangle.between(block[0], block[1], block[0] + 20, block[1] + 20);
        robot.interact(() -> left.roiProperty().set(roi));
        RoiStatistics before = left.roiStatisticsBinding().get();
        RoiStatistics after = right.roiStatisticsBinding().get();
        assertThat(after.pixelCount()).isEqualTo(before.pixelCount());
        assertThat(after.sd())
                .as("ROI SD (HU): original %.1f, denoised %.1f", before.sd(), after.sd())
                .isLessThan(0.8 * before.sd());
        assertThat(robot.lookup("#roi-stats-B").queryLabeled().getText()).contains("SD");

        // A 64-pixel ROI around that block: its noise power spectrum, one curve per pane, and less
        // power where the denoiser worked (issue 16's noise tools).
        int x = Math.max(0, Math.min(block[0] - 22, original.width() - 64));
        int y = Math.max(0, Math.min(block[1] - 22, original.height() - 64));
        robot.interact(() -> left.roiProperty().set(Roi.Rectangle.between(x, y, x + 64, y + 64)));
        NoisePowerSpectrum originalNoise = left.noiseSpectrumBinding().get().orElseThrow();
        NoisePowerSpectrum denoisedNoise = right.noiseSpectrumBinding().get().orElseThrow();
        assertThat(denoisedNoise.variance()).isLessThan(originalNoise.variance());
        LineChart<?, ?> chart = robot.lookup("#noise-spectrum").queryAs(LineChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData()).hasSize(2);
        assertThat(robot.lookup("#roi-stats-A").queryLabeled().getText()).contains("NPS mean");
        assertThat(robot.lookup("#denoise-status").queryLabeled().getText())
                .contains("RED-CNN")
                .contains("s/slice")
                .contains("CPU");
    }

    @Test
    void theTokenOverlayHasFourSixtyFourAndTenTwentyFourCellsOnA512Slice(FxRobot robot) throws Exception {
        openSampleStudy();
        TokenOverlayViewModel tokens = model.tokens().orElseThrow();
        SliceViewModel a = model.panes().get(0);
        robot.clickOn("#token-overlay");
        int[] expected = {4, 64, 1024};
        for (int level = 1; level <= 3; level++) {
            robot.clickOn("#token-level-" + level);
            WaitForAsyncUtils.waitFor(
                    120, TimeUnit.SECONDS, () -> tokens.levelFor(a).isPresent());
            SliceTokens.Level shown = tokens.levelFor(a).orElseThrow();
            assertThat(shown.cells()).isEqualTo(expected[level - 1]);
            assertThat(shown.rows() * shown.cellSize()).isEqualTo(512.0);
            assertThat(shown.candidates().get(0)).hasSizeGreaterThan(1);
            assertThat(shown.candidates().get(0).get(0).word())
                    .isEqualTo(shown.words().get(0));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(tokens.words().stream()
                            .mapToInt(TokenOverlayViewModel.WordCount::cells)
                            .sum())
                    .isEqualTo(expected[level - 1]);
        }
        // Hovering a cell names its word and the next candidates.
        robot.interact(() -> tokens.hoverAt(a, 100, 300));
        SliceTokens.Level fine = tokens.levelFor(a).orElseThrow();
        assertThat(tokens.hoverProperty().get())
                .contains("\"" + fine.words().get(fine.cellAt(100, 300)) + "\"")
                .contains("next:");
    }

    @Test
    void anExportedSeriesReadsBackWithTheDenoisedHuAndPassesDciodvfy(FxRobot robot, @TempDir Path folder)
            throws Exception {
        openSampleStudy();
        DenoisedSeries result = denoiseWithRedCnn(robot);
        CtStudy study = model.studyOf(result.source()).orElseThrow();

        List<Path> files = WaitForAsyncUtils.asyncFx(() -> denoising.exportDicom(folder, false))
                .get(10, TimeUnit.SECONDS)
                .get(120, TimeUnit.SECONDS);
        List<Path> anonymous = WaitForAsyncUtils.asyncFx(() -> denoising.exportDicom(folder.resolve("anon"), true))
                .get(10, TimeUnit.SECONDS)
                .get(120, TimeUnit.SECONDS);

        assertThat(files).hasSize(1);
        StudyLoad back = new PixelMedStudyStore().read(List.of(files.get(0).getParent()), LoadMonitor.NONE);
        assertThat(back.problems()).isEmpty();
        CtSeries exported = back.allSeries().get(0);
        assertThat(exported.seriesInstanceUid()).isNotEqualTo(result.source().seriesInstanceUid());
        assertThat(exported.description()).startsWith("DENOISED RED-CNN");
        assertThat(back.studies().get(0).studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        HuImage stored = exported.slice(0).image();
        HuImage shown = result.image(0).orElseThrow();
        SliceSource sourceFile = result.source().slice(0).source();
        boolean[] padding = PixelMedImageReader.padding(sourceFile.file(), sourceFile.frame())
                .orElseThrow()
                .mask();
        // Inside the field of view the denoised HU, to the stored precision; outside it the source's
        // padding again (issue 20), which reads back as padding (air), as the source does.
        float worst = 0;
        int padded = 0;
        for (int i = 0; i < padding.length; i++) {
            int x = i % stored.width();
            int y = i / stored.width();
            if (padding[i]) {
                assertThat(stored.hu(x, y)).isEqualTo(PixelMedImageReader.PADDING_HU);
                padded++;
            } else {
                worst = Math.max(worst, Math.abs(stored.hu(x, y) - shown.hu(x, y)));
            }
        }
        assertThat(worst).as("HU stored as integers").isLessThanOrEqualTo(0.5f + 1e-3f);
        assertThat(padded).as("padded pixels of %s", result.source().title()).isPositive();
        assertThat(exported.slice(0).geometry().position())
                .isEqualTo(result.source().slice(0).geometry().position());

        StudyLoad anon = new PixelMedStudyStore().read(List.of(anonymous.get(0).getParent()), LoadMonitor.NONE);
        assertThat(anon.studies().get(0).patient().name()).isEqualTo("ANONYMOUS");
        assertThat(anon.studies().get(0).studyInstanceUid()).isNotEqualTo(study.studyInstanceUid());

        for (Path file : List.of(files.get(0), anonymous.get(0))) {
            Process p = new ProcessBuilder("dciodvfy", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String report = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            assertThat(report)
                    .as("dciodvfy (Debian dicom3tools) on " + file + " says:\n" + report)
                    .doesNotContain("Error");
        }
        assertThat(Files.list(folder)
                        .filter(f -> f.getFileName().toString().startsWith("."))
                        .toList())
                .as("no staging folder left")
                .isEmpty();
    }

    private static double meanAbsoluteDifference(HuImage a, HuImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] - y[i]);
        }
        return sum / x.length;
    }

    /** Top-left corner of the size x size block (step size/2) with the lowest SD whose mean is soft tissue. */
    private static int[] mostUniformSoftTissueBlock(HuImage image, int size) {
        int[] best = null;
        double bestSd = Double.MAX_VALUE;
        for (int y = 0; y + size <= image.height(); y += size / 2) {
            for (int x = 0; x + size <= image.width(); x += size / 2) {
                double sum = 0;
                double squares = 0;
                for (int r = y; r < y + size; r++) {
                    for (int c = x; c < x + size; c++) {
                        sum += image.hu(c, r);
                        squares += (double) image.hu(c, r) * image.hu(c, r);
                    }
                }
                int n = size * size;
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
                if (mean > 0 && mean < 100 && sd < bestSd) {
                    bestSd = sd;
                    best = new int[] {x, y};
                }
            }
        }
        return best;
    }

    /**
     * Issue 20, point 1: an export asked for while the series is still denoising says at once that it
     * is queued, by which model and how many slices wait, has a progress bar and a cancel button of its
     * own, and a cancel writes nothing. With -Dlangmamba.screenshots=DIR the window is saved for the README.
     */
    @Test
    void anExportWhileDenoisingShowsItsOwnQueuedLineAndCancelWritesNothing(FxRobot robot, @TempDir Path folder)
            throws Exception {
        open(List.of(Path.of("../src-resources/sample-study/head-ge-hispeed-tilted")));
        chooseModel(robot, "LangMamba");
        robot.clickOn("#denoise");
        Path target = folder.resolve("denoised");

        robot.interact(() -> denoising.exportDicom(target, false));
        WaitForAsyncUtils.waitForFxEvents();

        String line = robot.lookup("#export-status").queryLabeled().getText();
        assertThat(line).containsPattern("Export queued: \\d+ of 28 slices still to denoise with LangMamba");
        assertThat(robot.lookup("#cancel-export").query().isVisible()).isTrue();
        assertThat(robot.lookup("#export-progress").query().isVisible()).isTrue();
        screenshot("export-queued-behind-denoising");

        robot.clickOn("#cancel-export");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#cancel-export").query().isVisible());
        assertThat(robot.lookup("#export-status").queryLabeled().getText()).containsIgnoringCase("cancel");
        robot.interact(() -> denoising.stop());
        assertThat(target).doesNotExist();
    }

    /**
     * Issue 16: the reformats of the denoised series, locked to the original's: N swaps the three MPR
     * planes to the denoised volume at the same planes and window (voxel for voxel the denoised
     * slices), and back.
     */
    @Test
    void nSwapsTheMprPlanesToTheDenoisedVolumeAtTheSamePlanesAndBack(FxRobot robot) throws Exception {
        open(List.of(Path.of("../src-resources/sample-study/head-ge-hispeed-simulated-quarter-dose")));
        chooseModel(robot, "LangMamba");
        robot.interact(() -> model.activePaneProperty().set(0));
        robot.clickOn("#denoise");
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> denoising.shownProperty().get() != null
                        && denoising.shownProperty().get().isComplete());
        DenoisedSeries result = denoising.shownProperty().get();
        CtSeries original = result.source();
        robot.interact(() -> {
            model.activePaneProperty().set(0);
            model.panes().get(0).showSeries(original);
            model.toggleMpr(true);
            model.panes().get(1).showSlice(250);
        });
        SliceViewModel coronal = model.panes().get(1);
        assertThat(model.mpr().activeProperty().get()).isTrue();
        float[] before = coronal.currentSlice().image().toArray();

        robot.clickOn(view.sliceViews().get(1)).type(javafx.scene.input.KeyCode.N);

        assertThat(coronal.seriesProperty().get().description())
                .startsWith("Coronal of")
                .contains("DENOISED – LangMamba");
        assertThat(coronal.sliceIndexProperty().get()).as("the same plane").isEqualTo(250);
        var plane = model.mpr().coronal().orElseThrow();
        HuImage denoisedRowSource = result.image(plane.rowOf(1)).orElseThrow();
        assertThat(coronal.currentSlice().image().hu(300, 1)).isEqualTo(denoisedRowSource.hu(300, 250));
        assertThat(coronal.currentSlice().image().toArray()).isNotEqualTo(before);

        robot.type(javafx.scene.input.KeyCode.N);
        assertThat(coronal.seriesProperty().get().description())
                .startsWith("Coronal of")
                .doesNotContain("DENOISED");
        assertThat(coronal.currentSlice().image().toArray()).isEqualTo(before);
        robot.interact(() -> model.toggleMpr(false));
    }

    /** With -Dlangmamba.screenshots=DIR, a picture of the workstation's window for the README. */
    private void screenshot(String name) throws Exception {
        String dir = System.getProperty("langmamba.screenshots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image =
                WaitForAsyncUtils.asyncFx(() -> view.getScene().snapshot(null)).get();
        ImageIO.write(
                SwingFXUtils.fromFXImage(image, null),
                "png",
                Path.of(dir).resolve(name + ".png").toFile());
    }
}
