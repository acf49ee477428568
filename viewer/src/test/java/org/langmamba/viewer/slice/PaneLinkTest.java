package org.langmamba.viewer.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.SliceOrdering;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowPresets;

class PaneLinkTest {
    private final SliceViewModel a = new SliceViewModel("A", WindowPresets.standard());
    private final SliceViewModel b = new SliceViewModel("B", WindowPresets.standard());
    private final PaneLink link = new PaneLink(List.of(a, b));

    @Test
    void lockedPanesScrollZoomPanWindowAndMeasureTogether() {
        a.showSeries(SliceViewModelTest.series(6, Optional.empty()));
        b.showSeries(SliceViewModelTest.series(6, Optional.empty()));

        a.showSlice(4);
        a.applyPreset(3);
        a.zoomBy(2);
        a.panBy(10, 5);
        a.roiProperty().set(Roi.Rectangle.between(1, 1, 3, 3));

        assertThat(b.sliceIndexProperty().get()).isEqualTo(4);
        assertThat(b.windowProperty().get()).isEqualTo(new Window(-600, 1500));
        assertThat(b.zoomProperty().get()).isEqualTo(a.zoomProperty().get());
        assertThat(b.centerXProperty().get()).isEqualTo(a.centerXProperty().get());
        assertThat(b.roiStatisticsBinding().get().mean()).isEqualTo(4.0);
    }

    @Test
    void aShorterSeriesClampsInsteadOfBreakingTheLock() {
        a.showSeries(SliceViewModelTest.series(10, Optional.empty()));
        b.showSeries(SliceViewModelTest.series(3, Optional.empty()));
        a.showSlice(8);
        assertThat(b.sliceIndexProperty().get()).isEqualTo(2);
        a.showSlice(1);
        assertThat(b.sliceIndexProperty().get()).isEqualTo(1);
    }

    @Test
    void unlockedPanesMoveAlone() {
        a.showSeries(SliceViewModelTest.series(6, Optional.empty()));
        b.showSeries(SliceViewModelTest.series(6, Optional.empty()));
        link.lockedProperty().set(false);
        a.showSlice(5);
        a.applyPreset(4);
        assertThat(b.sliceIndexProperty().get()).isEqualTo(3);
        assertThat(b.windowProperty().get()).isEqualTo(new Window(40, 400));

        link.lockedProperty().set(true);
        link.alignTo(a);
        assertThat(b.sliceIndexProperty().get()).isEqualTo(5);
        assertThat(b.windowProperty().get()).isEqualTo(new Window(500, 2000));
    }

    @Test
    void showingASeriesInOnePaneDoesNotResetTheOthers() {
        a.showSeries(SliceViewModelTest.series(6, Optional.empty()));
        b.showSeries(SliceViewModelTest.series(6, Optional.empty()));
        b.applyPreset(5);
        a.showSeries(SliceViewModelTest.series(6, Optional.of(new Window(0, 100))));
        assertThat(a.windowProperty().get()).isEqualTo(new Window(0, 100));
        assertThat(b.windowProperty().get()).isEqualTo(new Window(40, 80));
    }

    @Test
    void zoomAndPanPassOnlyBetweenPanesOfTheSameMatrix() {
        a.showSeries(SliceViewModelTest.series(3, Optional.empty()));
        b.showSeries(new CtSeries(
                "9",
                1,
                "other",
                "CT",
                "",
                "",
                "",
                "",
                List.of(SliceViewModelTest.series(1, Optional.empty())
                        .slice(0)
                        .withImage(new HuImage(4, 4, new float[16]))),
                SliceOrdering.POSITION));
        double zoomB = b.zoomProperty().get();
        a.zoomBy(3);
        a.showSlice(0);
        a.applyPreset(2);
        assertThat(b.zoomProperty().get()).isEqualTo(zoomB);
        assertThat(b.windowProperty().get()).isEqualTo(new Window(90, 150));
    }
}
