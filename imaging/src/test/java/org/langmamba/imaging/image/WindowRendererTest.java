package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowRendererTest {
    private static final Window ABDOMEN = new Window(40, 400);

    @Test
    void theAbdominalWindowMapsItsBoundsToBlackAndWhite() {
        assertThat(ABDOMEN.lower()).isEqualTo(-160);
        assertThat(ABDOMEN.upper()).isEqualTo(240);
        assertThat(WindowRenderer.grey(-160f, ABDOMEN)).isZero();
        assertThat(WindowRenderer.grey(240f, ABDOMEN)).isEqualTo(255);
        assertThat(WindowRenderer.grey(40f, ABDOMEN)).isEqualTo(128); // 127.5 rounds up
    }

    @Test
    void valuesOutsideTheWindowAreClamped() {
        assertThat(WindowRenderer.grey(-1024f, ABDOMEN)).isZero();
        assertThat(WindowRenderer.grey(3000f, ABDOMEN)).isEqualTo(255);
    }

    @Test
    void greyLevelsRiseLinearlyAcrossTheWindow() {
        Window w = Window.ofBounds(0, 255);
        for (int hu = 0; hu <= 255; hu++) {
            assertThat(WindowRenderer.grey(hu, w)).as("HU %d", hu).isEqualTo(hu);
        }
    }

    @Test
    void wholeImageRenderingAgreesWithThePixelFormulaOnEveryPixel() {
        float[] hu = new float[64 * 32];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1100f + i * 1.37f;
        }
        HuImage image = new HuImage(64, 32, hu);
        Window lung = new Window(-600, 1500);
        byte[] grey = WindowRenderer.toGrey8(image, lung);
        int[] argb = WindowRenderer.toArgb(image, lung);
        for (int i = 0; i < hu.length; i++) {
            int expected = WindowRenderer.grey(hu[i], lung);
            assertThat(grey[i] & 0xFF).isEqualTo(expected);
            assertThat(argb[i]).isEqualTo(0xFF000000 | expected << 16 | expected << 8 | expected);
        }
    }

    @Test
    void windowWidthBelowOneHuIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Window(40, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThat(new Window(40, 10).adjustedBy(0, -100).width()).isEqualTo(Window.MIN_WIDTH);
    }
}
