package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LineProfileTest {
    @Test
    void aHorizontalProfileThroughARampReadsTheRampInMillimetres() {
        float[] hu = new float[8 * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 8; x++) {
                hu[y * 8 + x] = 100 * x;
            }
        }
        HuImage image = new HuImage(8, 3, hu);
        // Pixel centres of columns 1 and 6 on the middle row; columns are 0.7 mm apart.
        LineProfile p = LineProfile.along(image, 1.5, 1.5, 6.5, 1.5, new PixelSpacing(0.5, 0.7));

        assertThat(p.lengthMm()).isCloseTo(5 * 0.7, within(1e-12));
        assertThat(p.size()).isEqualTo(6);
        assertThat(p.hu()).containsExactly(100, 200, 300, 400, 500, 600);
        assertThat(p.distanceMm()[5]).isCloseTo(3.5, within(1e-12));
    }

    @Test
    void samplingBetweenPixelCentresInterpolates() {
        HuImage image = new HuImage(2, 1, new float[] {0, 100});
        assertThat(LineProfile.sample(image, 1.0, 0.5)).isCloseTo(50, within(1e-9));
        assertThat(LineProfile.sample(image, 0.0, 0.5)).isZero(); // clamped at the edge
    }

    @Test
    void distanceUsesRowAndColumnSpacing() {
        PixelSpacing spacing = new PixelSpacing(2.0, 1.0);
        assertThat(spacing.distanceMm(3, 4)).isCloseTo(Math.hypot(3, 8), within(1e-12));
    }
}
