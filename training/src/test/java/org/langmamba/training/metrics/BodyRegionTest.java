package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.data.HuSlice;

/** Head or trunk, from the image alone, on the sample study's two real full-size slices. */
class BodyRegionTest {
    @Test
    void aHeadSliceIsAHeadAndScoredInTheBrainWindow(@TempDir Path work) throws Exception {
        HuSlice head = RealSlices.load(RealSlices.HEAD, work);

        assertThat(BodyRegion.equivalentDiameterMm(head)).as("head across, mm").isBetween(120.0, 230.0);
        assertThat(BodyRegion.of(head)).isEqualTo(BodyRegion.HEAD);
        assertThat(BodyRegion.of(head).window()).isEqualTo(Window.BRAIN);
    }

    @Test
    void aChestSliceIsATrunkAndScoredInTheAbdominalWindow(@TempDir Path work) throws Exception {
        HuSlice chest = RealSlices.load(RealSlices.CHEST, work);

        assertThat(BodyRegion.equivalentDiameterMm(chest))
                .as("chest across, mm")
                .isGreaterThan(230.0);
        assertThat(BodyRegion.of(chest)).isEqualTo(BodyRegion.TRUNK);
        assertThat(BodyRegion.of(chest).window()).isEqualTo(Window.ABDOMEN);
    }

    @Test
    void aSetOfSlicesTakesTheRegionMostOfThemShow(@TempDir Path work) throws Exception {
        HuSlice head = RealSlices.load(RealSlices.HEAD, work);
        HuSlice chest = RealSlices.load(RealSlices.CHEST, work);

        assertThat(BodyRegion.ofMost(List.of(head, head, chest))).isEqualTo(BodyRegion.HEAD);
        assertThat(BodyRegion.ofMost(List.of(head, chest))).as("a tie").isEqualTo(BodyRegion.TRUNK);
    }
}
