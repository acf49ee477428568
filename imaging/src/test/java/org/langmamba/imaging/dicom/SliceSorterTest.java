package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SliceSorterTest {
    @Test
    void slicesAreOrderedByPositionAlongTheNormalNotByInstanceNumber() {
        List<CtSlice> shuffled = List.of(
                TestSlices.at(new Vec3(0, 0, 10), 1, 4),
                TestSlices.at(new Vec3(0, 0, -5), 2, 4),
                TestSlices.at(new Vec3(0, 0, 2.5), 3, 4));

        SliceSorter.Sorted sorted = SliceSorter.sort(shuffled);

        assertThat(sorted.ordering()).isEqualTo(SliceOrdering.POSITION);
        assertThat(sorted.slices()).extracting(s -> s.source().instanceNumber()).containsExactly(2, 3, 1);
    }

    @Test
    void obliqueSlicesAreProjectedOnTheirOwnNormal() {
        // Orientation tilted about x: normal (0, -sin, cos). Positions step along that normal.
        double t = Math.toRadians(30);
        Vec3 row = new Vec3(1, 0, 0);
        Vec3 column = new Vec3(0, Math.cos(t), Math.sin(t));
        Vec3 normal = row.cross(column);
        List<CtSlice> slices = List.of(3, 1, 2).stream()
                .map(k -> {
                    CtSlice base =
                            TestSlices.at(new Vec3(normal.x() * k, normal.y() * k + 7 * (4 - k), normal.z() * k), k, 4);
                    SliceGeometry g = new SliceGeometry(
                            base.geometry().position(),
                            row,
                            column,
                            base.geometry().spacing(),
                            true,
                            1);
                    return new CtSlice(base.image(), g, base.source(), base.storedWindow());
                })
                .toList();
        // y also drifts against k (in-plane shift); only the projection on the normal may decide.
        assertThat(SliceSorter.sort(slices).slices())
                .extracting(s -> s.source().instanceNumber())
                .containsExactly(1, 2, 3);
    }

    @Test
    void missingPositionsFallBackToInstanceNumber() {
        List<CtSlice> slices =
                List.of(TestSlices.at(null, 3, 4), TestSlices.at(new Vec3(0, 0, 1), 1, 4), TestSlices.at(null, 2, 4));

        SliceSorter.Sorted sorted = SliceSorter.sort(slices);

        assertThat(sorted.ordering()).isEqualTo(SliceOrdering.INSTANCE_NUMBER);
        assertThat(sorted.slices()).extracting(s -> s.source().instanceNumber()).containsExactly(1, 2, 3);
    }

    @Test
    void aRealSeriesStoredHeadFirstIsPutInAscendingPosition() throws Exception {
        // pydicom's CT5N: five real GE slices whose file names run against the patient axis.
        StudyLoad load = new PixelMedStudyStore()
                .read(List.of(PydicomCorpus.location().resolve("dicomdirtests/98892001/CT5N")), LoadMonitor.NONE);
        CtSeries series = load.allSeries().get(0);
        assertThat(series.ordering()).isEqualTo(SliceOrdering.POSITION);
        assertThat(series.slices())
                .extracting(s -> s.geometry().position().z())
                .isSortedAccordingTo(Double::compare)
                .hasSize(5);
    }
}
