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
}
