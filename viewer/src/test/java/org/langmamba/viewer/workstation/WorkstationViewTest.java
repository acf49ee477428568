package org.langmamba.viewer.workstation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.DerivedSeriesRequest;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.RoiStatistics;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.slice.MeasureLine;
import org.langmamba.viewer.slice.SliceView;
import org.langmamba.viewer.slice.SliceViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The viewer driven like a user would, headless (Monocle), on the bundled sample study. */
@ExtendWith(ApplicationExtension.class)
class WorkstationViewTest {
    private WorkstationView view;
    private ViewerViewModel model;

    @Start
    void start(Stage stage) {
        model = new ViewerViewModel(new PixelMedStudyStore(), WindowPresets.standard());
        view = new WorkstationView(model);
        stage.setScene(new Scene(view, 1400, 900));
        stage.show();
    }

    /**
     * The sample study's four series of a few slices (all but its two volumes): what most tests here
     * need, loaded in a moment.
     */
    private StudyLoad openSampleStudy(FxRobot robot) throws Exception {
        return open(SharedResources.sampleStudyWithoutVolumes());
    }

    private StudyLoad open(List<Path> inputs) throws Exception {
        var task = WaitForAsyncUtils.asyncFx(() -> view.open(inputs)).get(10, TimeUnit.SECONDS);
        StudyLoad load = task.get(60, TimeUnit.SECONDS);
        // The task's success handler (which shows the study) runs on the FX thread after get() returns.
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> model.studyLoadProperty().get() == load);
        WaitForAsyncUtils.waitForFxEvents();
        return load;
    }

    /** The loaded series of that description. */
    private CtSeries loaded(String description) {
        return model.series().stream()
                .map(StudyList.SeriesEntry::series)
                .filter(s -> s.description().equals(description))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Issue 16: the whole sample study opens on a real volume (the 295-slice head and neck), which
     * scrolls from the chest to the vertex and reformats into coronal and sagittal planes whose
     * cross-reference lines follow the axial slice.
     */
    @Test
    void theSampleStudyOpensOnARealVolumeThatScrollsAndReformats(FxRobot robot) throws Exception {
        StudyLoad load = open(List.of(SharedResources.sampleStudy()));

        assertThat(load.problems()).isEmpty();
        assertThat(model.series()).hasSize(6);
        SliceViewModel a = model.panes().get(0);
        assertThat(a.seriesProperty().get().size())
                .as("pane A: the head and neck volume")
                .isEqualTo(295);
        assertThat(a.seriesProperty().get().description()).contains("Neck");
        assertThat(model.panes().get(1).seriesProperty().get().size())
                .as("pane B: the tilted GE head")
                .isEqualTo(28);
        robot.interact(() -> model.link().lockedProperty().set(false));

        robot.clickOn(view.sliceViews().get(0));
        robot.type(KeyCode.HOME);
        float[] first = a.currentSlice().image().toArray();
        robot.type(KeyCode.END);
        assertThat(a.sliceLabel()).startsWith("Slice 295 / 295");
        assertThat(a.currentSlice().image().toArray()).isNotEqualTo(first);

        robot.interact(() -> model.activePaneProperty().set(0));
        robot.clickOn("#mpr");
        SliceViewModel coronal = model.panes().get(1);
        SliceViewModel sagittal = model.panes().get(2);
        assertThat(coronal.seriesProperty().get().description()).startsWith("Coronal of");
        assertThat(sagittal.seriesProperty().get().description()).startsWith("Sagittal of");
        assertThat(coronal.seriesProperty().get().height()).isEqualTo(295);
        robot.interact(() -> a.showSlice(100));
        int row = model.mpr().coronal().orElseThrow().rowOf(100);
        assertThat(coronal.crossReferenceProperty().get().row()).isEqualTo(row);
        assertThat(sagittal.crossReferenceProperty().get().row()).isEqualTo(row);
        robot.clickOn("#mpr");
    }

    /**
     * Issue 16, progressive loading: pane A shows the first decoded slice while the rest of the
     * series is still being read (here held back until the test lets it go), then the whole series.
     */
    @Test
    void theFirstSliceIsShownWhileTheRestOfTheSeriesLoads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PixelMedStudyStore real = new PixelMedStudyStore();
        DicomStudyStore heldAfterTheFirstSlice = new DicomStudyStore() {
            @Override
            public StudyLoad read(List<Path> inputs, LoadMonitor monitor) {
                return real.read(inputs, new LoadMonitor() {
                    @Override
                    public void progress(long done, long total, String message) {
                        monitor.progress(done, total, message);
                    }

                    @Override
                    public void firstSlice(CtSeries preview) {
                        monitor.firstSlice(preview);
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return monitor.isCancelled();
                    }
                });
            }

            @Override
            public List<Path> writeDerivedSeries(DerivedSeriesRequest request, Path target) throws IOException {
                return real.writeDerivedSeries(request, target);
            }
        };
        ViewerViewModel loading = new ViewerViewModel(heldAfterTheFirstSlice, WindowPresets.standard());
        Path head = Path.of("../src-resources/sample-study/head-ge-hispeed-tilted");

        var task = WaitForAsyncUtils.asyncFx(() -> loading.load(List.of(head))).get(10, TimeUnit.SECONDS);
        SliceViewModel a = loading.panes().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, a::hasSeries);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(task.isDone()).as("still loading").isFalse();
        assertThat(a.seriesProperty().get().size()).isEqualTo(1);
        assertThat(a.currentSlice()).isNotNull();
        assertThat(loading.statusProperty().get()).contains("first slice shown");

        release.countDown();
        StudyLoad load = task.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> loading.studyLoadProperty().get() == load);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(a.seriesProperty().get().size()).isEqualTo(28);
    }

    @Test
    void theSampleStudysFewSliceSeriesAreListedAndShown(FxRobot robot) throws Exception {
        StudyLoad load = openSampleStudy(robot);

        assertThat(load.problems()).isEmpty();
        assertThat(model.series()).hasSize(4);
        assertThat(view.browser().table().getItems()).hasSize(4);
        SliceViewModel a = model.panes().get(0);
        assertThat(a.currentSlice()).isNotNull();
        // Pane A: the largest series, the sample's low-dose head, in the window its files store (W85 L35).
        assertThat(a.seriesProperty().get().description()).startsWith("Simulated 25% dose");
        assertThat(a.seriesProperty().get().width()).isEqualTo(512);
        assertThat(a.windowProperty().get()).isEqualTo(new Window(35, 85));
        assertThat(model.panes().get(1).currentSlice()).isNotNull();
    }

    /** Issue 16: the study browser's columns read "SMIT…", "2…", "CT …" on a real study. */
    @Test
    void theStudyBrowserShowsWholeNamesKernelAndThicknessAndSortsSlicesByNumber(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        TableView<StudyList.SeriesEntry> table = view.browser().table();

        assertThat(table.getColumns().stream().map(TableColumn::getText))
                .containsExactly("Patient", "Study date", "Study", "Series", "Slices", "Kernel", "Thk mm", "Matrix");
        TableColumn<StudyList.SeriesEntry, ?> patient = table.getColumns().get(0);
        Text probe = new Text();
        for (StudyList.SeriesEntry entry : table.getItems()) {
            probe.setText(String.valueOf(patient.getCellData(entry)));
            assertThat(patient.getWidth())
                    .as("Patient column against '%s'", probe.getText())
                    .isGreaterThanOrEqualTo(probe.getLayoutBounds().getWidth());
        }
        // The GE head the sample's low dose was simulated from states its kernel.
        TableColumn<StudyList.SeriesEntry, ?> kernel = table.getColumns().get(5);
        assertThat(table.getItems().stream().map(e -> String.valueOf(kernel.getCellData(e))))
                .anyMatch(k -> !k.isEmpty());

        TableColumn<StudyList.SeriesEntry, ?> slices = table.getColumns().get(4);
        robot.interact(() -> {
            slices.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(slices));
        });
        List<Integer> counts = table.getItems().stream()
                .map(e -> Integer.parseInt(String.valueOf(slices.getCellData(e))))
                .toList();
        assertThat(counts).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void wheelAndArrowKeysScrollAndStopAtTheEnds(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        CtSeries head = loaded("Routine Brain");
        robot.interact(() -> {
            model.link().lockedProperty().set(false);
            model.showInPane(
                    0,
                    model.series().stream()
                            .filter(e -> e.series() == head)
                            .findFirst()
                            .orElseThrow());
        });
        SliceViewModel a = model.panes().get(0);
        robot.clickOn(view.sliceViews().get(0));
        robot.type(KeyCode.HOME);
        assertThat(a.sliceIndexProperty().get()).isZero();

        robot.type(KeyCode.DOWN);
        assertThat(a.sliceIndexProperty().get()).isEqualTo(1);
        // One wheel notch moves one slice; the opposite notch comes back.
        robot.scroll(1, VerticalDirection.DOWN);
        int afterWheel = a.sliceIndexProperty().get();
        assertThat(Math.abs(afterWheel - 1)).isEqualTo(1);
        robot.scroll(1, VerticalDirection.UP);
        assertThat(a.sliceIndexProperty().get()).isEqualTo(1);

        robot.type(KeyCode.DOWN, 10);
        assertThat(a.sliceIndexProperty().get()).isEqualTo(3);
        robot.type(KeyCode.UP);
        assertThat(a.sliceIndexProperty().get()).isEqualTo(2);
        robot.type(KeyCode.END);
        assertThat(a.sliceIndexProperty().get()).isEqualTo(3);
        assertThat(a.sliceLabel()).startsWith("Slice 4 / 4");
    }

    @Test
    void numberKeysApplyPresetsAndRightDragChangesTheWindow(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        SliceViewModel a = model.panes().get(0);
        SliceViewModel b = model.panes().get(1);
        robot.clickOn(view.sliceViews().get(0));

        robot.type(KeyCode.DIGIT3);
        assertThat(a.windowProperty().get()).isEqualTo(new Window(-600, 1500));
        assertThat(b.windowProperty().get()).as("locked pane follows").isEqualTo(new Window(-600, 1500));
        robot.type(KeyCode.DIGIT5);
        assertThat(a.windowProperty().get()).isEqualTo(new Window(40, 80));
        robot.type(KeyCode.DIGIT1);
        Window abdomen = a.windowProperty().get();
        assertThat(abdomen).isEqualTo(new Window(40, 400));

        Point2D centre = robot.point(view.sliceViews().get(0)).query();
        robot.moveTo(centre)
                .press(MouseButton.SECONDARY)
                .moveBy(60, 0)
                .moveBy(0, 40)
                .release(MouseButton.SECONDARY);
        Window dragged = a.windowProperty().get();
        assertThat(dragged.width()).as("drag right widens").isGreaterThan(abdomen.width());
        assertThat(dragged.level()).as("drag down lowers the level").isLessThan(abdomen.level());
        assertThat(b.windowProperty().get()).isEqualTo(dragged);
    }

    @Test
    void rectangleRoiStatisticsMatchPydicomOnTheSamePixels(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        SliceViewModel a = model.panes().get(0);
        SliceView paneA = view.sliceViews().get(0);
        robot.clickOn("#tool-roi-rectangle");

        // Drag over the heart/aorta region of the chest slice, given in image coordinates.
        Point2D from = paneA.localToScreen(paneA.toScreenX(230.3), paneA.toScreenY(180.6));
        Point2D to = paneA.localToScreen(paneA.toScreenX(290.2), paneA.toScreenY(230.4));
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);

        Roi roi = a.roiProperty().get();
        assertThat(roi).isInstanceOf(Roi.Rectangle.class);
        RoiStatistics stats = a.roiStatisticsBinding().get();
        // The pixels whose centres lie inside, as inclusive column/row bounds.
        int c0 = (int) Math.ceil(roi.minX() - 0.5);
        int r0 = (int) Math.ceil(roi.minY() - 0.5);
        int c1 = (int) Math.ceil(roi.maxX() - 0.5) - 1;
        int r1 = (int) Math.ceil(roi.maxY() - 0.5) - 1;
        double[] expected = pydicomStatistics(a.currentSlice().source().file(), c0, r0, c1, r1);

        assertThat(stats.pixelCount()).isEqualTo((int) expected[0]);
        assertThat(stats.mean()).isCloseTo(expected[1], within(1e-6));
        assertThat(stats.sd()).isCloseTo(expected[2], within(1e-6));
        assertThat(stats.min()).isEqualTo(expected[3]);
        assertThat(stats.max()).isEqualTo(expected[4]);
        double pixelArea = a.currentSlice().geometry().spacing().pixelAreaMm2();
        assertThat(stats.areaMm2()).isCloseTo(expected[0] * pixelArea, within(1e-9));
        assertThat(robot.lookup("#roi-stats-A").queryLabeled().getText())
                .contains(String.format(Locale.ROOT, "%.1f", stats.mean()));
    }

    /**
     * Issue 16: the real GE head (28 tilted slices) in axial, coronal and sagittal, with the
     * cross-reference lines following the scroll, one window for all, and an ROI in the coronal
     * plane that measures the very voxels pydicom and numpy find there.
     */
    @Test
    void mprShowsCoronalAndSagittalWithCrossReferencesAndMeasuresTheRealVoxels(FxRobot robot) throws Exception {
        Path head = Path.of("../src-resources/sample-study/head-ge-hispeed-tilted");
        var task = WaitForAsyncUtils.asyncFx(() -> view.open(List.of(head))).get(10, TimeUnit.SECONDS);
        task.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> model.panes().get(0).hasSeries());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.activePaneProperty().set(0));

        robot.clickOn("#mpr");

        SliceViewModel a = model.panes().get(0);
        SliceViewModel b = model.panes().get(1);
        SliceViewModel c = model.panes().get(2);
        assertThat(model.mpr().activeProperty().get()).isTrue();
        assertThat(model.paneCountProperty().get()).isEqualTo(3);
        assertThat(b.seriesProperty().get().description())
                .startsWith("Coronal of")
                .contains("not corrected");
        assertThat(c.seriesProperty().get().description()).startsWith("Sagittal of");
        assertThat(b.seriesProperty().get().height()).isEqualTo(28);
        assertThat(b.pixelAspect())
                .as("rows are slices several mm apart, columns 0.49 mm")
                .isGreaterThan(2);
        assertThat(model.statusProperty().get())
                .contains("variable slice spacing")
                .contains("not corrected");

        robot.interact(() -> a.showSlice(3));
        int row = model.mpr().coronal().orElseThrow().rowOf(3);
        assertThat(b.crossReferenceProperty().get().row()).isEqualTo(row);
        assertThat(c.crossReferenceProperty().get().row()).isEqualTo(row);
        robot.interact(() -> b.showSlice(256));
        assertThat(a.crossReferenceProperty().get().row())
                .as("A's line at the coronal plane")
                .isEqualTo(256);

        robot.interact(() -> b.windowProperty().set(new Window(40, 80)));
        assertThat(a.windowProperty().get()).isEqualTo(new Window(40, 80));
        assertThat(c.windowProperty().get()).isEqualTo(new Window(40, 80));

        // Columns 200-259 and slices 5-14 (from the top) of the coronal plane at axial row 256.
        robot.interact(() -> b.roiProperty().set(Roi.Rectangle.between(200, 5, 260, 15)));
        RoiStatistics stats = b.roiStatisticsBinding().get();
        Process p = new ProcessBuilder(
                        "/usr/bin/python3",
                        "src/test/python/coronal_roi_reference.py",
                        head.toString(),
                        "256",
                        "200",
                        "5",
                        "259",
                        "14")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as("coronal_roi_reference.py: " + out).isZero();
        String[] expected = out.split("\\s+");
        assertThat(stats.pixelCount()).isEqualTo(Integer.parseInt(expected[0]));
        assertThat(stats.mean()).isCloseTo(Double.parseDouble(expected[1]), within(1e-6));
        assertThat(stats.sd()).isCloseTo(Double.parseDouble(expected[2]), within(1e-6));

        robot.clickOn("#mpr");
        assertThat(model.mpr().activeProperty().get()).isFalse();
        assertThat(a.crossReferenceProperty().get()).isNull();
    }

    /** count, mean, sd, min, max of a pixel rectangle as pydicom + numpy compute them. */
    private static double[] pydicomStatistics(Path source, int c0, int r0, int c1, int r1) throws Exception {
        // The sample study may sit inside the resources jar; pydicom needs a plain file.
        Path file = Files.createTempFile("roi-reference", ".dcm");
        Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder(
                        "/usr/bin/python3",
                        "src/test/python/roi_reference.py",
                        file.toString(),
                        Integer.toString(c0),
                        Integer.toString(r0),
                        Integer.toString(c1),
                        Integer.toString(r1))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as("roi_reference.py: " + out).isZero();
        Files.delete(file);
        String[] f = out.split("\\s+");
        double[] values = new double[5];
        for (int i = 0; i < 5; i++) {
            values[i] = Double.parseDouble(f[i]);
        }
        return values;
    }

    @Test
    void aLineShowsItsProfileAndEscapeRemovesItWithoutLeavingAFlatLine(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        LineChart<?, ?> chart = robot.lookup("#line-profile").queryAs(LineChart.class);
        assertThat(chart.isVisible()).as("no line yet: no chart").isFalse();
        assertThat(robot.lookup("#line-profile-hint").queryLabeled().isVisible())
                .isTrue();

        robot.interact(() -> model.panes().get(0).lineProperty().set(new MeasureLine(100, 256, 400, 256)));
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData()).isNotEmpty();
        assertThat(chart.getWidth()).as("chart width, px").isGreaterThanOrEqualTo(300);

        robot.clickOn(view.paneRow());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.getData()).as("profiles after Esc").isEmpty();
        assertThat(chart.isVisible()).isFalse();
        assertThat(robot.lookup("#line-profile-hint").queryLabeled().isVisible())
                .isTrue();
    }

    @Test
    void theLockSaysWhetherThePanesAreLockedAndLTogglesIt(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        ToggleButton lock = robot.lookup("#lock-panes").queryAs(ToggleButton.class);
        assertThat(lock.getText()).isEqualTo("Locked");

        robot.clickOn(view.paneRow());
        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.link().lockedProperty().get()).isFalse();
        assertThat(lock.getText()).isEqualTo("Unlocked");
    }

    @Test
    void cineStepsThroughTheSeriesAndWraps(FxRobot robot) throws Exception {
        openSampleStudy(robot);
        CtSeries head = loaded("Routine Brain");
        robot.interact(() -> model.showInPane(
                0,
                model.series().stream()
                        .filter(e -> e.series() == head)
                        .findFirst()
                        .orElseThrow()));
        SliceViewModel a = model.panes().get(0);
        robot.interact(() -> {
            a.lastSlice();
            model.cine().play(a);
            model.cine().stop();
            model.cine().step();
        });
        assertThat(a.sliceIndexProperty().get()).isZero();
        assertThat(Files.exists(a.currentSlice().source().file())).isTrue();
    }
}
