package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.AnatomicRegion;
import org.langmamba.imaging.image.RegionFinder;
import org.langmamba.imaging.image.Window;

/** Head or trunk, from the image alone, on the sample study's two real full-size slices. */
class BodyRegionTest {
    @Test
    void aHeadSliceIsAHeadAndScoredInTheBrainWindow(@TempDir Path work) throws Exception {
        RealSlices.RealSlice head = RealSlices.load(RealSlices.HEAD, work);

        assertThat(reading(head).diameterMm()).as("head across, mm").isBetween(120.0, 230.0);
        assertThat(reading(head).region()).isEqualTo(AnatomicRegion.HEAD);
        assertThat(of(head)).isEqualTo(BodyRegion.HEAD);
        assertThat(of(head).window()).isEqualTo(Window.BRAIN);
    }

    @Test
    void aChestSliceIsATrunkAndScoredInTheAbdominalWindow(@TempDir Path work) throws Exception {
        RealSlices.RealSlice chest = RealSlices.load(RealSlices.CHEST, work);

        assertThat(reading(chest).diameterMm()).as("chest across, mm").isGreaterThan(230.0);
        assertThat(reading(chest).region()).as("its lungs make it a chest").isEqualTo(AnatomicRegion.CHEST);
        assertThat(of(chest)).isEqualTo(BodyRegion.TRUNK);
        assertThat(of(chest).window()).isEqualTo(Window.ABDOMEN);
    }

    @Test
    void aSetOfSlicesTakesTheRegionMostOfThemShow(@TempDir Path work) throws Exception {
        BodyRegion head = of(RealSlices.load(RealSlices.HEAD, work));
        BodyRegion chest = of(RealSlices.load(RealSlices.CHEST, work));

        assertThat(BodyRegion.ofMost(List.of(head, head, chest))).isEqualTo(BodyRegion.HEAD);
        assertThat(BodyRegion.ofMost(List.of(head, chest))).as("a tie").isEqualTo(BodyRegion.TRUNK);
    }

    @Test
    void theHeaderRefinesTheRegionWithinWhatTheImageShowsButDoesNotOverruleIt(@TempDir Path work) throws Exception {
        RealSlices.RealSlice head = RealSlices.load(RealSlices.HEAD, work);
        RealSlices.RealSlice chest = RealSlices.load(RealSlices.CHEST, work);

        RegionFinder.Reading neck = RegionFinder.read(
                head.hu(), head.width(), head.height(), head.pixelSizeMm(), AnatomicRegion.named("NECK"));
        assertThat(neck.diameterMm()).isGreaterThan(RegionFinder.NECK_MAX_DIAMETER_MM);
        assertThat(neck.region()).as("wider than any neck, whatever the header").isEqualTo(AnatomicRegion.HEAD);
        // The same slice at half the pixel size: a quarter of the area, a neck's.
        double half = head.pixelSizeMm() / 2;
        RegionFinder.Reading small =
                RegionFinder.read(head.hu(), head.width(), head.height(), half, AnatomicRegion.named("NECK"));
        assertThat(small.region())
                .as("a small cross-section the header calls a neck")
                .isEqualTo(AnatomicRegion.NECK);
        assertThat(RegionFinder.read(head.hu(), head.width(), head.height(), half, Optional.empty())
                        .region())
                .as("without a header, small is a head (the top of a skull is as small as a neck)")
                .isEqualTo(AnatomicRegion.HEAD);
        RegionFinder.Reading wrongHeader = RegionFinder.read(
                chest.hu(), chest.width(), chest.height(), chest.pixelSizeMm(), AnatomicRegion.named("CT HEAD"));
        assertThat(wrongHeader.region()).isEqualTo(AnatomicRegion.CHEST);
        assertThat(wrongHeader.reason()).contains("'head' overruled");
        RegionFinder.Reading abdomenHeader = RegionFinder.read(
                chest.hu(), chest.width(), chest.height(), chest.pixelSizeMm(), AnatomicRegion.named("ABDOMEN"));
        assertThat(abdomenHeader.region())
                .as("lungs make a chest whatever the header")
                .isEqualTo(AnatomicRegion.CHEST);
    }

    @Test
    void dicomTextsNameRegions() {
        assertThat(AnatomicRegion.named(null, "HEADNECK")).contains(AnatomicRegion.HEAD);
        assertThat(AnatomicRegion.named("", "CT Thorax w/o")).contains(AnatomicRegion.CHEST);
        assertThat(AnatomicRegion.named("ABDOMENPELVIS")).contains(AnatomicRegion.ABDOMEN);
        assertThat(AnatomicRegion.named("Routine Brain")).contains(AnatomicRegion.HEAD);
        assertThat(AnatomicRegion.named("PELVIS")).contains(AnatomicRegion.PELVIS);
        assertThat(AnatomicRegion.named("SERIES 3", null)).isEmpty();
    }

    private static BodyRegion of(RealSlices.RealSlice slice) {
        return BodyRegion.of(slice.image(), slice.pixelSizeMm());
    }

    private static RegionFinder.Reading reading(RealSlices.RealSlice slice) {
        return BodyRegion.reading(slice.image(), slice.pixelSizeMm());
    }
}
