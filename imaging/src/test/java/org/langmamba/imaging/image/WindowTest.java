package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowTest {
    @Test
    void theScoringWindowsAreThePapersAbdomenAndTheBrain() {
        assertThat(Window.ABDOMEN.lower()).isEqualTo(-160);
        assertThat(Window.ABDOMEN.upper()).isEqualTo(240);
        assertThat(Window.ABDOMEN.bounds()).isEqualTo("[-160, 240] HU");
        assertThat(Window.BRAIN.bounds()).isEqualTo("[0, 80] HU");
        assertThat(Window.BRAIN.label()).isEqualTo("W80 L40");
        assertThat(Window.ofBounds(-1350, 150)).isEqualTo(new Window(-600, 1500));
    }

    @Test
    void clippingToTheRangeSaturatesOutsideTheWindowAndStartsAtZero() {
        double[] clipped = Window.ABDOMEN.clipToRange(new float[] {-1000, -160, 40, 240, 3000});
        assertThat(clipped).containsExactly(0, 0, 200, 400, 400);
    }

    @Test
    void aWindowNarrowerThanOneHuIsRefused() {
        assertThatThrownBy(() -> Window.ofBounds(10, 10.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
