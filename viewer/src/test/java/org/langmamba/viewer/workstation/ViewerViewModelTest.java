package org.langmamba.viewer.workstation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.Patient;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.slice.SliceViewModelTest;

/** The window's state without the window: what happens when a series is put into a pane. */
class ViewerViewModelTest {
    private final ViewerViewModel model = new ViewerViewModel(new PixelMedStudyStore(), WindowPresets.standard());

    private static StudyList.SeriesEntry entry(CtSeries series) {
        CtStudy study = new CtStudy(
                "1.2.3.4", new Patient("Test^Head", "P1", "", "O"), "20261202", "", "", "", "", List.of(series));
        return new StudyList.SeriesEntry(study, series);
    }

    @Test
    void aSeriesPutIntoPaneBWhileLockedTakesPaneAsSliceAndWindow() {
        model.showInPane(0, entry(SliceViewModelTest.series(30, Optional.empty())));
        model.panes().get(0).showSlice(20);
        model.panes().get(0).windowProperty().set(new Window(40, 80));
        assertThat(model.link().lockedProperty().get()).isTrue();

        model.showInPane(1, entry(SliceViewModelTest.series(30, Optional.of(new Window(35, 85)))));

        assertThat(model.panes().get(1).sliceIndexProperty().get()).isEqualTo(20);
        assertThat(model.panes().get(1).windowProperty().get()).isEqualTo(new Window(40, 80));
    }

    @Test
    void unlockedPanesKeepTheirOwnSliceAndWindow() {
        model.link().lockedProperty().set(false);
        model.showInPane(0, entry(SliceViewModelTest.series(30, Optional.empty())));
        model.panes().get(0).showSlice(20);

        model.showInPane(1, entry(SliceViewModelTest.series(30, Optional.of(new Window(35, 85)))));

        assertThat(model.panes().get(1).sliceIndexProperty().get()).isEqualTo(15);
        assertThat(model.panes().get(1).windowProperty().get()).isEqualTo(new Window(35, 85));
    }
}
