package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAssemblerTest {
    private static DecodedImageFile file(String modality, String series, CtSlice slice) {
        return new DecodedImageFile(
                modality,
                "1.2.study",
                new Patient("Doe^Jane", "P1", "", "F"),
                "20240102",
                "",
                "Abdomen",
                "",
                "",
                series,
                3,
                "Portal venous",
                "1.2.for",
                "",
                "B30f",
                "ABDOMEN",
                List.of(slice));
    }

    @Test
    void aSliceWithADifferentMatrixIsSetAsideAndTheRestOfTheSeriesLoads() {
        SeriesAssembler assembler = new SeriesAssembler();
        for (int i = 1; i <= 3; i++) {
            CtSlice slice = TestSlices.at(new Vec3(0, 0, i), i, 8);
            assembler.add(slice.source().file(), file("CT", "1.2.series", slice));
        }
        CtSlice odd = TestSlices.at(new Vec3(0, 0, 9), 9, 4);
        assembler.add(odd.source().file(), file("CT", "1.2.series", odd));

        List<CtStudy> studies = assembler.studies();

        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).series().get(0).size()).isEqualTo(3);
        assertThat(assembler.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(Path.of("slice-9.dcm"));
            assertThat(p.reason()).contains("4x4").contains("8x8");
        });
    }

    @Test
    void nonCtImagesAreReportedNotLoaded() {
        SeriesAssembler assembler = new SeriesAssembler();
        CtSlice slice = TestSlices.at(new Vec3(0, 0, 0), 1, 4);
        assembler.add(slice.source().file(), file("MR", "1.2.mr", slice));

        assertThat(assembler.studies()).isEmpty();
        assertThat(assembler.problems())
                .singleElement()
                .extracting(FileProblem::reason)
                .asString()
                .contains("modality MR");
    }

    @Test
    void seriesOfOneStudyAreGroupedUnderIt() {
        SeriesAssembler assembler = new SeriesAssembler();
        CtSlice a = TestSlices.at(new Vec3(0, 0, 0), 1, 4);
        CtSlice b = TestSlices.at(new Vec3(0, 0, 0), 2, 4);
        assembler.add(a.source().file(), file("CT", "1.2.a", a));
        assembler.add(b.source().file(), file("CT", "1.2.b", b));

        assertThat(assembler.studies()).singleElement().satisfies(study -> {
            assertThat(study.series()).hasSize(2);
            assertThat(study.patient().displayName()).isEqualTo("Doe, Jane");
            assertThat(study.displayDate()).isEqualTo("2024-01-02");
        });
    }

    @Test
    void theSameImageReachedTwiceIsReadOnce() {
        SeriesAssembler assembler = new SeriesAssembler();
        CtSlice slice = TestSlices.at(new Vec3(0, 0, 0), 1, 4);
        CtSlice copy = new CtSlice(
                slice.image(),
                slice.geometry(),
                new SliceSource(Path.of("copy.dcm"), 0, "", slice.source().sopInstanceUid(), 1),
                slice.storedWindow());
        assembler.add(slice.source().file(), file("CT", "1.2.s", slice));
        assembler.add(copy.source().file(), file("CT", "1.2.s", copy));

        assertThat(assembler.studies().get(0).series().get(0).size()).isEqualTo(1);
        assertThat(assembler.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(Path.of("copy.dcm"));
            assertThat(p.reason()).contains("duplicate of slice-1.dcm");
        });
    }

    /** Issue 16: a series that also holds its coronal localizer is two stacks, and the load says why. */
    @Test
    void aSeriesInTwoOrientationsIsSplitIntoOneSeriesPerOrientation() {
        SeriesAssembler assembler = new SeriesAssembler();
        for (int i = 1; i <= 3; i++) {
            CtSlice axial = TestSlices.at(new Vec3(0, 0, i), i + 1, 4);
            assembler.add(axial.source().file(), file("CT", "1.2.series", axial));
        }
        CtSlice localizer = TestSlices.at(new Vec3(0, 0, 0), 1, 4, new Vec3(1, 0, 0), new Vec3(0, 0, -1));
        assembler.add(localizer.source().file(), file("CT", "1.2.series", localizer));

        List<CtSeries> series = assembler.studies().get(0).series();

        assertThat(series).hasSize(2);
        assertThat(series.get(0).size()).isEqualTo(3);
        assertThat(series.get(0).description()).isEqualTo("Portal venous [axial]");
        assertThat(series.get(1).description()).isEqualTo("Portal venous [coronal]");
        assertThat(series.get(1).seriesInstanceUid()).isNotEqualTo(series.get(0).seriesInstanceUid());
        assertThat(assembler.notes())
                .anyMatch(n -> n.contains("slices in 2 orientations (axial 3, coronal 1): split into 2 series"));
    }

    /** A dynamic series (two passes over the same three positions) is two stacks of three, in pass order. */
    @Test
    void repeatedPositionsAreSplitIntoOneStackPerPass() {
        SeriesAssembler assembler = new SeriesAssembler();
        for (int i = 1; i <= 6; i++) {
            CtSlice slice = TestSlices.at(new Vec3(0, 0, 10 + (i - 1) % 3 * 5), i, 4);
            assembler.add(slice.source().file(), file("CT", "1.2.dynamic", slice));
        }

        List<CtSeries> series = assembler.studies().get(0).series();

        assertThat(series).hasSize(2).allSatisfy(s -> assertThat(s.size()).isEqualTo(3));
        assertThat(series.get(0).slices())
                .extracting(s -> s.source().instanceNumber())
                .containsExactlyInAnyOrder(1, 2, 3);
        assertThat(series.get(1).description()).endsWith("[repeat 2]");
        assertThat(assembler.notes()).anyMatch(n -> n.contains("axial positions repeated 2 times"));
    }

    /** A tilt that varies from slice to slice (the GE head) is still one axial stack. */
    @Test
    void aVaryingGantryTiltStaysOneStack() {
        SeriesAssembler assembler = new SeriesAssembler();
        for (int i = 1; i <= 4; i++) {
            double tilt = Math.toRadians(5 * i);
            CtSlice slice = TestSlices.at(
                    new Vec3(0, 0, 4 * i), i, 4, new Vec3(1, 0, 0), new Vec3(0, Math.cos(tilt), -Math.sin(tilt)));
            assembler.add(slice.source().file(), file("CT", "1.2.tilted", slice));
        }

        assertThat(assembler.studies().get(0).series())
                .singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(4));
        assertThat(assembler.notes()).noneMatch(n -> n.contains("split"));
    }
}
