package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.HuImage;

/** A derived series is a new, valid CT series that reads back with the HU that were written. */
class DerivedSeriesWriterTest {
    @TempDir
    Path out;

    private final PixelMedStudyStore store = new PixelMedStudyStore();

    private StudyLoad realSeries() {
        return store.read(List.of(PydicomCorpus.location().resolve("dicomdirtests/77654033/CT2")), LoadMonitor.NONE);
    }

    /** Exports {@code series} of {@code study}, derived by {@link #derivedFrom}, to out/export. */
    private List<Path> export(CtStudy study, CtSeries series) throws Exception {
        return store.writeDerivedSeries(
                new DerivedSeriesRequest(
                        study, series, derivedFrom(series), "Denoised (test)", "Denoised by test model v0", 1001),
                out.resolve("export"));
    }

    /** A stand-in for a denoiser: the source HU shifted by a non-integer amount. */
    private static List<HuImage> derivedFrom(CtSeries series) {
        return series.slices().stream()
                .map(s -> {
                    float[] hu = s.image().toArray();
                    for (int i = 0; i < hu.length; i++) {
                        hu[i] = hu[i] * 0.5f + 10.3f;
                    }
                    return new HuImage(s.width(), s.height(), hu);
                })
                .toList();
    }

    /** Attribute values as numbers where they are numbers (DS written anew may differ in digits, not in value). */
    private static List<String> values(AttributeList list, AttributeTag tag) throws Exception {
        Attribute a = list.get(tag);
        if (a == null) {
            return List.of();
        }
        return Arrays.stream(a.getStringValues())
                .map(v -> v.trim().matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")
                        ? Double.toString(Double.parseDouble(v.trim()))
                        : v.trim())
                .toList();
    }

    @Test
    void aTiltedSeriesKeepsEveryGeometryAttributeOfItsSourceTagByTag() throws Exception {
        // The real GE HiSpeed head (src-resources/DATA.md): gantry tilted, per-slice positions.
        StudyLoad load =
                store.read(List.of(Path.of("../src-resources/sample-study/head-ge-hispeed-tilted")), LoadMonitor.NONE);
        CtStudy study = load.studies().get(0);
        CtSeries series = study.series().get(0);

        List<Path> files = export(study, series);

        assertThat(files).hasSize(series.size());
        List<AttributeTag> geometry = new ArrayList<>(DerivedSeriesWriter.KEPT_FROM_SOURCE);
        geometry.addAll(List.of(
                TagFromName.ImagePositionPatient,
                TagFromName.ImageOrientationPatient,
                TagFromName.PixelSpacing,
                TagFromName.SliceThickness,
                TagFromName.FrameOfReferenceUID));
        int tilted = 0;
        for (int k = 0; k < series.size(); k++) {
            AttributeList source = new AttributeList();
            source.read(series.slice(k).source().file().toString(), TagFromName.PixelData);
            AttributeList derived = new AttributeList();
            derived.read(files.get(k).toString(), TagFromName.PixelData);
            for (AttributeTag tag : geometry) {
                if (!values(source, tag).isEmpty()) {
                    assertThat(values(derived, tag))
                            .as("%s of slice %d", tag, k + 1)
                            .isEqualTo(values(source, tag));
                }
            }
            tilted += Math.abs(Attribute.getSingleDoubleValueOrDefault(source, new AttributeTag(0x0018, 0x1120), 0)) > 1
                    ? 1
                    : 0;
        }
        assertThat(tilted)
                .as("slices of the source with a gantry tilt: the case this test is about")
                .isPositive();

        // Outside the field of view the copy keeps the source's -1500 HU padding (issue 20), which the
        // viewer shows as air: same padding value, same padded pixels.
        AttributeList source = new AttributeList();
        source.read(series.slice(0).source().file().toString());
        AttributeList derived = new AttributeList();
        derived.read(files.get(0).toString());
        assertThat(Attribute.getSingleIntegerValueOrDefault(derived, TagFromName.PixelPaddingValue, 0))
                .isEqualTo(Attribute.getSingleIntegerValueOrDefault(source, TagFromName.PixelPaddingValue, 0))
                .isEqualTo(-1500);
        short[] sourcePixels = source.getPixelData().getShortValues();
        short[] derivedPixels = derived.getPixelData().getShortValues();
        int padded = 0;
        for (int i = 0; i < sourcePixels.length; i++) {
            if (sourcePixels[i] == -1500) {
                assertThat(derivedPixels[i]).as("pixel %d", i).isEqualTo((short) -1500);
                padded++;
            }
        }
        assertThat(padded).as("padded pixels of the first slice").isGreaterThan(1000);
        assertThat(series.slice(0).image().hu(0, 0)).as("shown as air").isEqualTo(PixelMedImageReader.PADDING_HU);
    }

    @Test
    void writtenSeriesReadsBackWithTheSameHuAndGeometry() throws Exception {
        StudyLoad source = realSeries();
        CtStudy study = source.studies().get(0);
        CtSeries series = study.series().get(0);
        List<HuImage> derived = derivedFrom(series);

        List<Path> files = store.writeDerivedSeries(
                new DerivedSeriesRequest(study, series, derived, "Denoised (test)", "Denoised by test model v0", 1001),
                out.resolve("export"));

        assertThat(files).hasSize(series.size());
        StudyLoad back = store.read(List.of(out.resolve("export")), LoadMonitor.NONE);
        assertThat(back.problems()).isEmpty();
        CtSeries reread = back.allSeries().get(0);
        assertThat(back.studies().get(0).studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(back.studies().get(0).patient()).isEqualTo(study.patient());
        assertThat(reread.seriesInstanceUid()).isNotEqualTo(series.seriesInstanceUid());
        assertThat(reread.size()).isEqualTo(series.size());
        for (int k = 0; k < series.size(); k++) {
            CtSlice original = series.slice(k);
            CtSlice copy = reread.slice(k);
            assertThat(copy.geometry().position()).isEqualTo(original.geometry().position());
            assertThat(copy.geometry().spacing()).isEqualTo(original.geometry().spacing());
            assertThat(copy.source().sopInstanceUid())
                    .isNotEqualTo(original.source().sopInstanceUid());
            float[] written = derived.get(k).toArray();
            float[] read = copy.image().toArray();
            for (int i = 0; i < written.length; i++) {
                // Stored as whole HU: the format's precision.
                assertThat((double) read[i]).isCloseTo(written[i], org.assertj.core.api.Assertions.within(0.5));
            }
        }
    }

    @Test
    void derivedFilesSayWhatTheyAreAndWhereTheyCameFrom() throws Exception {
        CtStudy study = realSeries().studies().get(0);
        CtSeries series = study.series().get(0);
        List<Path> files = export(study, series);

        AttributeList list = PixelMedImageReader.readAttributes(files.get(0));
        assertThat(Attribute.getDelimitedStringValuesOrEmptyString(list, TagFromName.ImageType))
                .startsWith("DERIVED\\SECONDARY");
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.DerivationDescription)
                        .trim())
                .isEqualTo("Denoised by test model v0");
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SeriesDescription)
                        .trim())
                .isEqualTo("Denoised (test)");
        SequenceAttribute sources = (SequenceAttribute) list.get(TagFromName.SourceImageSequence);
        assertThat(Attribute.getSingleStringValueOrEmptyString(
                        sources.getItem(0).getAttributeList(), TagFromName.ReferencedSOPInstanceUID))
                .isEqualTo(series.slice(0).source().sopInstanceUid());
    }

    @Test
    void derivedFilesPassDciodvfy() throws Exception {
        CtStudy study = realSeries().studies().get(0);
        CtSeries series = study.series().get(0);
        List<Path> files = export(study, series);

        Process p = new ProcessBuilder("dciodvfy", files.get(0).toString())
                .redirectErrorStream(true)
                .start();
        String report = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as("dciodvfy (Debian dicom3tools) says:\n" + report).doesNotContain("Error");
        assertThat(report).contains("CTImage");
    }

    @Test
    void anExistingFolderIsNeverWrittenInto() throws Exception {
        StudyLoad source = realSeries();
        CtStudy study = source.studies().get(0);
        CtSeries series = study.series().get(0);
        Path existing = Files.createDirectories(out.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "the user's");

        assertThatThrownBy(() -> store.writeDerivedSeries(
                        new DerivedSeriesRequest(study, series, derivedFrom(series), "d", "d", 1), existing))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.list(existing)).containsExactly(existing.resolve("keep.txt"));
        assertThat(Files.list(out)).as("no staging folder left behind").containsExactly(existing);
    }
}
