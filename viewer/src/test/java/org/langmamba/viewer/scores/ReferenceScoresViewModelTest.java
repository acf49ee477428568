package org.langmamba.viewer.scores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.processing.SliceScorer;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModelTest;
import org.testfx.api.FxToolkit;

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
}
