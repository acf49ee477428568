package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of Debian's pydicom corpus either loads with the HU pydicom computes for it, or is
 * reported with a reason; and a load of the whole corpus accounts for every file.
 */
class PydicomCorpusTest {
    @TempDir
    static Path work;

    static Path corpus;
    static List<Path> files;
    static Map<String, PydicomCorpus.Reference> pydicom;
    /** The whole corpus read once as the workstation reads a folder. */
    static StudyLoad load;

    @BeforeAll
    static void readCorpusWithPydicomAndTheWorkstation() throws Exception {
        corpus = PydicomCorpus.location();
        files = PydicomCorpus.files(corpus);
        pydicom = PydicomCorpus.pydicomReading(corpus, work.resolve("pydicom"));
        load = new PixelMedStudyStore().read(List.of(corpus), LoadMonitor.NONE);
    }

    @Test
    void everyFileDecodesToPydicomsModalityValuesOrGivesAReason() throws Exception {
        PixelMedImageReader reader = new PixelMedImageReader();
        List<String> mismatches = new ArrayList<>();
        int decoded = 0;
        int compared = 0;
        StringBuilder report = new StringBuilder();
        for (Path file : files) {
            String name = corpus.relativize(file).toString();
            PydicomCorpus.Reference reference = pydicom.get(name);
            try {
                DecodedImageFile image = reader.read(file);
                decoded++;
                if (!reference.ok()) {
                    mismatches.add(name + ": we decoded it, pydicom could not (" + reference.error() + ")");
                    continue;
                }
                String difference = compare(image, reference);
                if (difference != null) {
                    mismatches.add(name + ": " + difference);
                } else {
                    compared++;
                }
                report.append(String.format(
                        Locale.ROOT,
                        "  %-60s decoded, %s %dx%d, matches pydicom%n",
                        name,
                        image.modality(),
                        image.frames().get(0).width(),
                        image.frames().get(0).height()));
            } catch (DicomReadException e) {
                assertThat(e.getMessage()).as("reason for " + name).isNotBlank();
                report.append(String.format(Locale.ROOT, "  %-60s not loaded: %s%n", name, e.getMessage()));
            }
        }
        System.out.println("pydicom corpus, " + files.size() + " files:\n" + report);
        assertThat(mismatches).as("files whose values differ from pydicom's").isEmpty();
        assertThat(compared).isEqualTo(decoded);
        assertThat(compared).as("files checked against pydicom").isGreaterThan(40);
    }

    /** Null when equal: same size and frames, same value on every pixel, padding turned to air. */
    private static String compare(DecodedImageFile image, PydicomCorpus.Reference reference) throws Exception {
        CtSlice first = image.frames().get(0);
        if (first.width() != reference.columns()
                || first.height() != reference.rows()
                || image.frames().size() != reference.frames()) {
            return String.format(
                    Locale.ROOT,
                    "size %dx%d x%d, pydicom %dx%d x%d",
                    first.width(),
                    first.height(),
                    image.frames().size(),
                    reference.columns(),
                    reference.rows(),
                    reference.frames());
        }
        float[] expected = reference.values();
        int perFrame = first.width() * first.height();
        for (int f = 0; f < image.frames().size(); f++) {
            float[] ours = image.frames().get(f).image().toArray();
            for (int i = 0; i < perFrame; i++) {
                float want = expected[f * perFrame + i];
                float got = ours[i];
                boolean same = Float.isNaN(want)
                        ? got == PixelMedImageReader.PADDING_HU
                        : Math.abs(got - want) <= 1e-3 * Math.max(1, Math.abs(want)) + reference.tolerance();
                if (!same) {
                    return String.format(
                            Locale.ROOT,
                            "frame %d pixel %d (x %d, y %d): %s, pydicom %s",
                            f,
                            i,
                            i % first.width(),
                            i / first.width(),
                            got,
                            Float.isNaN(want) ? "padding" : want);
                }
            }
        }
        return null;
    }

    @Test
    void loadingTheWholeCorpusAccountsForEveryFile() {
        Set<Path> accounted = new HashSet<>();
        load.allSeries()
                .forEach(s ->
                        s.slices().forEach(slice -> accounted.add(slice.source().file())));
        load.problems().forEach(p -> {
            assertThat(p.reason()).as("reason for " + p.file()).isNotBlank();
            accounted.add(p.file());
        });
        assertThat(accounted)
                .containsAll(
                        files.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        assertThat(load.allSeries()).allSatisfy(s -> assertThat(s.modality()).isEqualTo("CT"));
        assertThat(load.filesExamined()).isEqualTo(files.size());
    }

    @Test
    void brokenAndForeignFilesAreReportedWithTheirReason() {
        assertThat(reasonFor(load, "MR_truncated.dcm")).contains("truncated");
        assertThat(reasonFor(load, "rtplan.dcm")).contains("not an image").contains("RT Plan");
        assertThat(reasonFor(load, "test-SR.dcm")).contains("not an image");
        assertThat(reasonFor(load, "README.txt")).isEqualTo("not a DICOM file");
        assertThat(reasonFor(load, "MR_small.dcm")).contains("modality MR").contains("CT only");
        assertThat(reasonFor(load, "SC_rgb_rle.dcm")).contains("colour");
        assertThat(reasonFor(load, "MR_small_jpeg_ls_lossless.dcm")).contains("JPEG-LS");
    }

    @Test
    void aMultiSliceCtSeriesIsSortedAlongThePatientAxis() {
        StudyLoad load =
                new PixelMedStudyStore().read(List.of(corpus.resolve("dicomdirtests/77654033/CT2")), LoadMonitor.NONE);

        assertThat(load.allSeries()).hasSize(1);
        CtSeries head = load.allSeries().get(0);
        assertThat(head.ordering()).isEqualTo(SliceOrdering.POSITION);
        assertThat(head.slices())
                .extracting(s -> s.geometry().position().z())
                .containsExactly(-99.480003, 103.019997, 104.269997, 105.519997);
        assertThat(head.thicknessMm()).isEqualTo(1.25);
        assertThat(head.spacing().rowMm()).isEqualTo(0.488281);
    }

    private static String reasonFor(StudyLoad load, String fileName) {
        return load.problems().stream()
                .filter(p -> p.file().getFileName().toString().equals(fileName))
                .map(FileProblem::reason)
                .findFirst()
                .orElse("(loaded, no problem reported)");
    }
}
