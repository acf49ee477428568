package org.langmamba.viewer.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.SliceGeometry;
import org.langmamba.imaging.dicom.SliceOrdering;
import org.langmamba.imaging.dicom.SliceSource;
import org.langmamba.imaging.dicom.Vec3;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.PixelSpacing;
import org.langmamba.imaging.image.Roi;
import org.langmamba.imaging.image.Window;
import org.langmamba.imaging.image.WindowPresets;

public class SliceViewModelTest {
    private final SliceViewModel pane = new SliceViewModel("A", WindowPresets.standard());

    /** A series of {@code n} slices of 16x8 at 0.5 mm whose pixels all hold their slice number as HU. */
    public static CtSeries series(int n, Optional<Window> stored) {
        return series("Test", n, 0.5, stored);
    }

    /** The same, described {@code description} (its title and UIDs follow from it), at {@code spacingMm}. */
    public static CtSeries series(String description, int n, double spacingMm, Optional<Window> stored) {
        List<CtSlice> slices = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[] hu = new float[16 * 8];
            Arrays.fill(hu, k);
            slices.add(new CtSlice(
                    new HuImage(16, 8, hu),
                    new SliceGeometry(
                            new Vec3(0, 0, 2.5 * k),
                            new Vec3(1, 0, 0),
                            new Vec3(0, 1, 0),
                            new PixelSpacing(spacingMm, spacingMm),
                            true,
                            2.5),
                    new SliceSource(Path.of(description + k), 0, "", "1." + description.hashCode() + "." + k, k + 1),
                    stored));
        }
        return new CtSeries(
                "1.2." + description.hashCode(), 2, description, "CT", "", "", "", "", slices, SliceOrdering.POSITION);
    }

    @Test
    void scrollingPastTheLastSliceStaysOnTheLastSlice() {
        pane.showSeries(series(5, Optional.empty()));
        pane.lastSlice();
        pane.scrollBy(3);
        assertThat(pane.sliceIndexProperty().get()).isEqualTo(4);
        assertThat(pane.currentSlice().image().hu(0, 0)).isEqualTo(4f);
        pane.firstSlice();
        pane.scrollBy(-1);
        assertThat(pane.sliceIndexProperty().get()).isZero();
    }

    @Test
    void pageKeysJumpATenthOfTheSeries() {
        pane.showSeries(series(40, Optional.empty()));
        pane.firstSlice();
        pane.pageBy(1);
        assertThat(pane.sliceIndexProperty().get()).isEqualTo(4);
    }

    @Test
    void aNewSeriesOpensOnItsMiddleSliceInItsStoredWindowOrTheAbdomenWindow() {
        pane.showSeries(series(5, Optional.of(new Window(35, 90))));
        assertThat(pane.sliceIndexProperty().get()).isEqualTo(2);
        assertThat(pane.windowProperty().get()).isEqualTo(new Window(35, 90));
        pane.showSeries(series(3, Optional.empty()));
        assertThat(pane.windowProperty().get()).isEqualTo(new Window(40, 400));
    }

    @Test
    void dragRightWidensAndDragDownLowersTheLevel() {
        pane.showSeries(series(1, Optional.empty()));
        Window before = pane.windowProperty().get();
        pane.dragWindow(10, 0);
        assertThat(pane.windowProperty().get().width()).isGreaterThan(before.width());
        pane.dragWindow(0, 10);
        assertThat(pane.windowProperty().get().level()).isLessThan(before.level());
    }

    @Test
    void fitCentresTheImageAndPanMovesItWithThePointer() {
        pane.showSeries(series(1, Optional.empty()));
        pane.fit(160, 40);
        assertThat(pane.zoomProperty().get()).isCloseTo(5.0, within(1e-9)); // 16x8 image in 160x40
        assertThat(pane.centerXProperty().get()).isEqualTo(8);
        pane.panBy(10, 0);
        assertThat(pane.centerXProperty().get()).isCloseTo(6.0, within(1e-9));
        pane.actualSize();
        assertThat(pane.zoomProperty().get()).isEqualTo(1.0);
    }

    @Test
    void roiStatisticsFollowTheSliceOnScreen() {
        pane.showSeries(series(3, Optional.empty()));
        pane.roiProperty().set(Roi.Rectangle.between(0, 0, 4, 4));
        pane.showSlice(1);
        assertThat(pane.roiStatisticsBinding().get().mean()).isEqualTo(1.0);
        pane.showSlice(2);
        assertThat(pane.roiStatisticsBinding().get().mean()).isEqualTo(2.0);
        assertThat(pane.roiStatisticsBinding().get().areaMm2()).isEqualTo(16 * 0.25);
    }

    @Test
    void thePointerReadoutShowsHuAndIsEmptyOutsideTheImage() {
        pane.showSeries(series(3, Optional.empty()));
        pane.pointerAt(3.2, 4.9);
        assertThat(pane.pointerReadoutProperty().get())
                .contains("x 3")
                .contains("y 4")
                .contains("1 HU");
        pane.pointerAt(-1, 2);
        assertThat(pane.pointerReadoutProperty().get()).isEmpty();
    }

    @Test
    void overlayTextSaysWhereAndHow() {
        pane.showSeries(series(3, Optional.empty()));
        assertThat(pane.sliceLabel()).isEqualTo("Slice 2 / 3\nPos 2.50 mm   Thk 2.50 mm");
        assertThat(pane.displayLabel()).startsWith("W400 L40");
    }
}
