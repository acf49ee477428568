package org.langmamba.viewer.scores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.dialogs.ScriptedDialogs;
import org.langmamba.viewer.processing.SliceScorer;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModelTest;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What the Scores panel says before it scores anything: whether pane A and the reference can be compared, and if not why. */
class ReferenceScoresViewModelTest {
    private final PaneSet panes = new PaneSet(WindowPresets.standard());
    private final ReferenceScoresViewModel scores = new ReferenceScoresViewModel(
            panes, (image, reference, window) -> new SliceScorer.Scores(30, 0.9, 0.95), null, Workers.SAME_THREAD);

    @BeforeAll
    static void startJavaFx() throws Exception {
        // A score reaches the panel through the FX thread: the toolkit must run (headless Monocle).
        FxToolkit.registerPrimaryStage();
    }

    private static CtSeries series(String description, int n, double spacingMm) {
        return SliceViewModelTest.series(description, n, spacingMm, Optional.empty());
    }

    @Test
    void aReferenceOfAnotherPixelSpacingIsRefusedNamingBothSeriesAndBothSpacings() {
        panes.panes().get(0).showSeries(series("GE head quarter dose", 4, 0.4512));
        scores.referenceProperty().set(series("Siemens head full dose", 4, 0.4824));

        assertThat(scores.mismatch())
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("pixel spacing differs")
                        .contains("Siemens head full dose")
                        .contains("GE head quarter dose")
                        .contains("0.4824")
                        .contains("0.4512"));
    }

    @Test
    void theSeriesInPaneAIsNeverScoredAgainstItself() {
        CtSeries shown = series("GE head quarter dose", 4, 0.5);
        panes.panes().get(0).showSeries(shown);
        scores.referenceProperty().set(shown);

        assertThat(scores.mismatch()).hasValueSatisfying(why -> assertThat(why).contains("is the series in pane A"));
        assertThat(scores.scoreSeries()).as("no scoring task").isNull();
    }

    @Test
    void aReferenceWithAnotherSliceCountSaysHowManyEachHas() {
        panes.panes().get(0).showSeries(series("low dose", 4, 0.5));
        scores.referenceProperty().set(series("full dose", 6, 0.5));

        assertThat(scores.mismatch())
                .hasValueSatisfying(why ->
                        assertThat(why).contains("full dose' has 6 slices").contains("low dose' has 4"));
    }

    @Test
    void aMatchingReferenceCanBeScored() {
        panes.panes().get(0).showSeries(series("low dose", 4, 0.5));
        scores.referenceProperty().set(series("full dose", 4, 0.5));

        assertThat(scores.mismatch()).isEmpty();
    }

    @Test
    void theSeriesScoresGoToTheChosenNewFileAndAnExistingFileIsNeverOverwritten(@TempDir Path folder) throws Exception {
        panes.panes().get(0).showSeries(series("low dose", 3, 0.5));
        scores.referenceProperty().set(series("full dose", 3, 0.5));
        WaitForAsyncUtils.asyncFx(scores::scoreSeries).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Path csv = folder.resolve("scores.csv");

        Optional<Path> written = WaitForAsyncUtils.asyncFx(
                        () -> scores.writeCsvAsking(new ScriptedDialogs().picks(csv)))
                .get(10, TimeUnit.SECONDS);

        assertThat(written).contains(csv);
        assertThat(Files.readAllLines(csv)).hasSize(4).element(1).asString().startsWith("1,30.0000,0.900000");

        ScriptedDialogs again = new ScriptedDialogs().picks(csv);
        assertThat(WaitForAsyncUtils.asyncFx(() -> scores.writeCsvAsking(again)).get(10, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(again.shown)
                .anyMatch(m -> m.startsWith("error: The scores were not saved") && m.contains("scores.csv"));
        assertThat(Files.readAllLines(csv)).hasSize(4);
    }
}
