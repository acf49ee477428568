package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.image.HuImage;

class NoiseLevelTest {
    /** A 128² slice: a 40 HU disc of soft tissue in air, with white noise of {@code sd} HU inside the disc. */
    private static float[] disc(double sd, long seed) {
        Random random = new Random(seed);
        float[] hu = new float[128 * 128];
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                boolean body = (x - 64) * (x - 64) + (y - 64) * (y - 64) < 50 * 50;
                hu[y * 128 + x] = body ? (float) (40 + sd * random.nextGaussian()) : -1000;
            }
        }
        return hu;
    }

    @Test
    void theNoiseOfSoftTissueIsFoundDespiteTheSmoothingOfTheThreeByThreeMean() {
        assertThat(NoiseLevel.of(new HuImage(128, 128, disc(20, 1)))).isCloseTo(20, within(1.0));
        assertThat(NoiseLevel.of(new HuImage(128, 128, disc(5, 2)))).isCloseTo(5, within(0.3));
    }

    @Test
    void aSliceWithoutSoftTissueHasNoNoiseLevel() {
        float[] air = new float[64 * 64];
        Arrays.fill(air, -1000);
        assertThat(NoiseLevel.of(new HuImage(64, 64, air))).isNaN();
    }

    @Test
    void theNoiseASimulationAddedIsMeasuredInTheBodyOnly() {
        float[] normal = disc(10, 3);
        float[] low = normal.clone();
        Random random = new Random(4);
        for (int i = 0; i < low.length; i++) {
            // outside the body the "simulation" adds far more: the measure must not see it
            low[i] += (float) ((normal[i] > -500 ? 15 : 300) * random.nextGaussian());
        }
        double added = NoiseLevel.addedInBody(new HuImage(128, 128, normal), new HuImage(128, 128, low));
        assertThat(added).isCloseTo(15, within(0.5));
    }
}
