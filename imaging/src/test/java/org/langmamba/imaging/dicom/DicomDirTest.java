package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening a DICOMDIR reads the images it lists (pydicom's corpus has real ones). */
class DicomDirTest {
    @Test
    void aDicomDirLoadsTheCtSeriesItReferences() {
        Path dicomDir = PydicomCorpus.location().resolve("dicomdirtests/DICOMDIR");

        StudyLoad load = new PixelMedStudyStore().read(List.of(dicomDir), LoadMonitor.NONE);

        // It lists CT, CR and MR files of three patients; the CT series load, the others are reported.
        assertThat(load.allSeries()).extracting(CtSeries::size).contains(4, 5);
        assertThat(load.allSeries()).allSatisfy(s -> assertThat(s.modality()).isEqualTo("CT"));
        assertThat(load.problems()).anySatisfy(p -> assertThat(p.reason()).contains("modality MR"));
        assertThat(load.problems())
                .noneSatisfy(p -> assertThat(p.file().getFileName().toString()).isEqualTo("DICOMDIR"));
    }

    @Test
    void aMissingInputIsReportedAndTheOthersStillLoad() {
        Path missing = Path.of("/no/such/study");
        Path ct = PydicomCorpus.location().resolve("CT_small.dcm");

        StudyLoad load = new PixelMedStudyStore().read(List.of(missing, ct), LoadMonitor.NONE);

        assertThat(load.sliceCount()).isEqualTo(1);
        assertThat(load.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(missing);
            assertThat(p.reason()).isEqualTo("does not exist");
        });
    }

    @Test
    void cancellingStopsTheLoadAndSaysSo() {
        StudyLoad load = new PixelMedStudyStore().read(List.of(PydicomCorpus.location()), new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {}

            @Override
            public boolean isCancelled() {
                return true;
            }
        });
        assertThat(load.cancelled()).isTrue();
        assertThat(load.filesExamined()).isZero();
        assertThat(load.summary()).contains("cancelled");
    }
}
