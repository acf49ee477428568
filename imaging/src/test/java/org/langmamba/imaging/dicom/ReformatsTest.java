package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.image.LineProfile;

/** Reformats of the real GE head: 28 slices, 18.5° gantry tilt, slice spacing 1.08-6.99 mm. */
class ReformatsTest {
    private static final CtSeries HEAD = new PixelMedStudyStore()
            .read(List.of(Path.of("../src-resources/sample-study/head-ge-hispeed-tilted")), LoadMonitor.NONE)
            .allSeries()
            .get(0);

    @Test
    void aCoronalPlaneIsOneRowOfEveryAxialSliceMostSuperiorOnTop() {
        Reformats.Plane coronal = Reformats.of(HEAD, Reformats.Orientation.CORONAL);
        CtSeries series = coronal.series();

        assertThat(series.size()).isEqualTo(HEAD.height());
        assertThat(series.width()).isEqualTo(HEAD.width());
        assertThat(series.height()).isEqualTo(HEAD.size());
        int n = HEAD.size();
        CtSlice plane = series.slice(250);
        for (int r = 0; r < n; r++) {
            int axial = coronal.rowOf(r);
            assertThat(plane.image().hu(300, r))
                    .isEqualTo(HEAD.slice(axial).image().hu(300, 250));
        }
        double topZ = HEAD.slice(coronal.rowOf(0)).geometry().position().z();
        double bottomZ = HEAD.slice(coronal.rowOf(n - 1)).geometry().position().z();
        assertThat(topZ).as("superior on top").isGreaterThan(bottomZ);
        assertThat(plane.geometry().spacing().columnMm())
                .isEqualTo(HEAD.slice(0).geometry().spacing().columnMm());
    }

    @Test
    void aSagittalPlaneIsOneColumnOfEveryAxialSlice() {
        Reformats.Plane sagittal = Reformats.of(HEAD, Reformats.Orientation.SAGITTAL);
        CtSlice plane = sagittal.series().slice(256);
        int n = HEAD.size();
        assertThat(plane.width()).isEqualTo(HEAD.height());
        assertThat(plane.image().hu(200, 5))
                .isEqualTo(HEAD.slice(sagittal.rowOf(5)).image().hu(256, 200));
    }

    @Test
    void theTiltAndTheVariableSpacingAreSaidNotHidden() {
        Reformats.Plane coronal = Reformats.of(HEAD, Reformats.Orientation.CORONAL);

        assertThat(coronal.caveats()).anyMatch(c -> c.startsWith("variable slice spacing"));
        assertThat(coronal.caveats()).anyMatch(c -> c.contains("not corrected"));
        assertThat(coronal.series().description()).startsWith("Coronal of ").contains("not corrected");
        assertThat(coronal.series().noiseAltered())
                .as("a reformat keeps the scan's noise")
                .isFalse();
    }

    @Test
    void aSeriesOfTwoSlicesIsNotReformatted() {
        CtSeries two = new CtSeries(
                "1.2", 1, "two", "CT", "", "", "", "", HEAD.slices().subList(0, 2), SliceOrdering.POSITION);
        assertThat(Reformats.problem(two)).hasValueSatisfying(p -> assertThat(p).contains("at least 3"));
        assertThatThrownBy(() -> Reformats.of(two, Reformats.Orientation.CORONAL))
                .hasMessageContaining("at least 3");
    }

    /**
     * Issue 16: along z a reformat measures with each slice's own position. The GE head's gaps run from
     * 1.08 to 7 mm, so five rows are not five mean gaps: a line down the coronal plane is as long as the
     * slices it crosses are apart (from their ImagePositionPatient), and its profile's distances too.
     */
    @Test
    void aVerticalLineInAReformatMeasuresTheRealDistanceBetweenUnevenSlices() {
        Reformats.Plane coronal = Reformats.of(HEAD, Reformats.Orientation.CORONAL);
        CtSlice plane = coronal.series().slice(256);
        Vec3 normal = HEAD.slice(0).geometry().normal().orElseThrow();
        Vec3 a = HEAD.slice(coronal.rowOf(0)).geometry().position();
        Vec3 b = HEAD.slice(coronal.rowOf(5)).geometry().position();
        double real = Math.abs(b.minus(a).dot(normal));
        double meanGaps = 5 * plane.geometry().spacing().rowMm();

        LineProfile profile = LineProfile.along(
                plane.image(), 100.5, 0.5, 100.5, 5.5, plane.geometry().distance());

        assertThat(Math.abs(real - meanGaps)).as("the gaps are uneven here").isGreaterThan(1.0);
        assertThat(profile.lengthMm()).isCloseTo(real, within(1e-6));
        assertThat(profile.distanceMm()[profile.size() - 1]).isCloseTo(real, within(1e-6));
        assertThat(profile.distanceMm()).isSorted();
    }
}
