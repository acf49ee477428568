package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RoiStatisticsTest {
    /** 10x10 image whose HU equals 10*row + column. */
    private static HuImage ramp() {
        float[] hu = new float[100];
        for (int i = 0; i < 100; i++) {
            hu[i] = i;
        }
        return new HuImage(10, 10, hu);
    }

    @Test
    void rectangleTakesThePixelsWhoseCentresLieInside() {
        // Corners at pixel edges 2..5 x 3..5: columns 2,3,4 and rows 3,4.
        RoiStatistics s = RoiStatistics.of(ramp(), Roi.Rectangle.between(5, 5, 2, 3), new PixelSpacing(0.5, 0.8));
        assertThat(s.pixelCount()).isEqualTo(6);
        assertThat(s.min()).isEqualTo(32);
        assertThat(s.max()).isEqualTo(44);
        assertThat(s.mean()).isCloseTo((32 + 33 + 34 + 42 + 43 + 44) / 6.0, within(1e-12));
        // Sample SD of {32,33,34,42,43,44}: mean 38, squares 36+25+16+16+25+36 = 154, /5.
        assertThat(s.sd()).isCloseTo(Math.sqrt(154 / 5.0), within(1e-12));
        assertThat(s.areaMm2()).isCloseTo(6 * 0.4, within(1e-12));
    }

    @Test
    void ellipseLeavesOutTheCornersOfItsBox() {
        Roi.Ellipse circle = Roi.Ellipse.between(0, 0, 10, 10);
        RoiStatistics s = RoiStatistics.of(ramp(), circle, PixelSpacing.UNKNOWN);
        int inside = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                double dx = x + 0.5 - 5;
                double dy = y + 0.5 - 5;
                if (dx * dx + dy * dy <= 25) {
                    inside++;
                }
            }
        }
        assertThat(s.pixelCount()).isEqualTo(inside).isLessThan(100);
        assertThat(circle.contains(0.5, 0.5)).isFalse();
        assertThat(circle.contains(5, 5)).isTrue();
    }

    @Test
    void aRoiOutsideTheImageIsEmpty() {
        RoiStatistics s = RoiStatistics.of(ramp(), Roi.Rectangle.between(20, 20, 30, 30), PixelSpacing.UNKNOWN);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.summary()).contains("no pixels");
    }

    @Test
    void aUniformRegionHasZeroNoise() {
        HuImage water = new HuImage(4, 4, new float[16]);
        RoiStatistics s = RoiStatistics.of(water, Roi.Rectangle.between(0, 0, 4, 4), PixelSpacing.UNKNOWN);
        assertThat(s.sd()).isZero();
        assertThat(s.mean()).isZero();
    }
}
