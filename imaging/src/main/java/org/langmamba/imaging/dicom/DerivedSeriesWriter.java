package org.langmamba.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UIDGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.langmamba.imaging.image.HuImage;

/**
 * Writes a derived CT series (e.g. denoised) as new CT Image Storage objects.
 *
 * <p>Each object is built fresh rather than copied from its source file, so that what it says
 * is exactly what we know: patient and study kept, new Series and SOP Instance UIDs, ImageType
 * DERIVED\SECONDARY, DerivationDescription naming the model, the source image referenced, the same
 * geometry. Pixels are signed 16-bit with RescaleSlope 1 and RescaleIntercept 0, so stored value
 * = HU rounded to the nearest integer (CT's own precision); padding was already turned into air
 * on read, so no PixelPaddingValue is written.
 *
 * <p>All files go to a hidden sibling folder that is renamed to the target at the end: the target
 * appears complete or not at all, and an existing folder is never written into.
 */
final class DerivedSeriesWriter {
    private static final String SOURCE_AE = "LANGMAMBA";

    /**
     * Acquisition geometry the derived object keeps exactly as its source file states it. Without
     * the gantry tilt a tilted series' copy is placed wrongly in 3-D (issue 20); the rest (patient
     * position, slice spacing and location, table height, reconstruction field) a viewer or a
     * planning system reads beside the position and orientation we write from the model.
     */
    static final List<AttributeTag> KEPT_FROM_SOURCE = List.of(
            TagFromName.PatientPosition,
            new AttributeTag(0x0018, 0x1120), // Gantry/Detector Tilt
            TagFromName.SpacingBetweenSlices,
            TagFromName.SliceLocation,
            TagFromName.TableHeight,
            TagFromName.ReconstructionDiameter,
            new AttributeTag(0x0018, 0x0090), // Data Collection Diameter
            new AttributeTag(0x0018, 0x9318), // Reconstruction Target Center (Patient)
            new AttributeTag(0x0018, 0x0060), // KVP
            TagFromName.ConvolutionKernel);
    /** Staging folders are named "." + target + STAGING_MARK + random: hidden, and never a series. */
    static final String STAGING_MARK = ".part-";

    /** Whether {@code folder} is a staging folder of this writer (left behind only by a killed write). */
    static boolean isStagingFolder(Path folder) {
        Path name = folder.getFileName();
        return name != null
                && name.toString().startsWith(".")
                && name.toString().contains(STAGING_MARK)
                && Files.isDirectory(folder);
    }

    List<Path> write(DerivedSeriesRequest request, Path target) throws IOException {
        Path absoluteTarget = target.toAbsolutePath().normalize();
        if (Files.exists(absoluteTarget)) {
            throw new FileAlreadyExistsException(
                    absoluteTarget.toString(), null, "export folder exists already; exports always go to a new folder");
        }
        Path parent = absoluteTarget.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + absoluteTarget.getFileName() + STAGING_MARK);
        try {
            List<String> names = writeAll(request, staging);
            moveAtomically(staging, absoluteTarget);
            List<Path> written = new ArrayList<>();
            for (String name : names) {
                written.add(absoluteTarget.resolve(name));
            }
            return written;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    private List<String> writeAll(DerivedSeriesRequest request, Path folder) throws IOException {
        try {
            UIDGenerator uids = new UIDGenerator();
            String seriesUid = uids.getAnotherNewUID();
            Identity identity = request.deidentify() ? Identity.removed(request, uids) : Identity.kept(request);
            String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < request.images().size(); i++) {
                String name = String.format(Locale.ROOT, "IM%05d.dcm", i + 1);
                AttributeList list = slice(request, i, identity, seriesUid, uids.getAnotherNewUID(), now);
                writeFile(list, folder.resolve(name));
                names.add(name);
            }
            return names;
        } catch (DicomException e) {
            throw new IOException("cannot encode derived series: " + e.getMessage(), e);
        }
    }

    /**
     * Who and which study the objects belong to. De-identified (PS3.15 basic profile, in spirit):
     * patient name and ID replaced, birth date, accession number, study ID and dates emptied, new
     * Study and Frame of Reference UIDs (the same for every slice, so the series stays one series
     * of one study), no reference to the source images (their UIDs would lead back), and
     * PatientIdentityRemoved YES with the method named.
     */
    /** What de-identification did, short enough for its LO value (64 characters). */
    static final String DEIDENTIFICATION_METHOD = "LangMamba: names, IDs, dates, UIDs replaced or removed";

    private record Identity(
            String patientName,
            String patientId,
            String birthDate,
            String sex,
            String studyUid,
            String studyId,
            String accession,
            String studyDate,
            String studyTime,
            String frameOfReference,
            boolean removed) {
        static Identity kept(DerivedSeriesRequest r) {
            CtStudy s = r.study();
            return new Identity(
                    s.patient().name(),
                    s.patient().id(),
                    s.patient().birthDate(),
                    s.patient().sex(),
                    s.studyInstanceUid(),
                    s.studyId(),
                    s.accessionNumber(),
                    s.studyDate(),
                    s.studyTime(),
                    r.source().frameOfReferenceUid(),
                    false);
        }

        static Identity removed(DerivedSeriesRequest r, UIDGenerator uids) throws DicomException {
            return new Identity(
                    "ANONYMOUS",
                    "ANON-" + uids.getAnotherNewUID().hashCode(),
                    "",
                    r.study().patient().sex(),
                    uids.getAnotherNewUID(),
                    "",
                    "",
                    "",
                    "",
                    r.source().frameOfReferenceUid().isEmpty() ? "" : uids.getAnotherNewUID(),
                    true);
        }
    }

    private static AttributeList slice(
            DerivedSeriesRequest request, int index, Identity who, String seriesUid, String sopUid, String now)
            throws DicomException {
        CtStudy study = request.study();
        CtSeries source = request.source();
        CtSlice sourceSlice = source.slice(index);
        HuImage image = request.images().get(index);
        SliceGeometry g = sourceSlice.geometry();
        AttributeList list = new AttributeList();

        put(list, TagFromName.SpecificCharacterSet, "ISO_IR 192");
        putValues(list, TagFromName.ImageType, "DERIVED", "SECONDARY", "AXIAL");
        put(list, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
        put(list, TagFromName.SOPInstanceUID, sopUid);
        put(list, TagFromName.StudyDate, who.studyDate());
        put(list, TagFromName.StudyTime, who.studyTime());
        put(list, TagFromName.ContentDate, now.substring(0, 8));
        put(list, TagFromName.ContentTime, now.substring(8));
        put(list, TagFromName.AccessionNumber, who.accession());
        put(list, TagFromName.Modality, "CT");
        put(list, TagFromName.Manufacturer, "LangMamba Workstation");
        put(list, TagFromName.StudyDescription, study.description());
        // Type 2 / 2C attributes we do not know: present and empty, as PS3.3 allows.
        put(list, TagFromName.ReferringPhysicianName, "");
        put(list, TagFromName.Laterality, "");
        put(list, TagFromName.PatientPosition, "");
        put(list, TagFromName.SeriesDescription, request.seriesDescription());
        put(list, TagFromName.DerivationDescription, request.derivationDescription());
        put(list, TagFromName.PatientName, who.patientName());
        put(list, TagFromName.PatientID, who.patientId());
        put(list, TagFromName.PatientBirthDate, who.birthDate());
        put(list, TagFromName.PatientSex, who.sex());
        put(list, TagFromName.SliceThickness, g.hasThickness() ? decimal(g.thicknessMm()) : "");
        put(list, TagFromName.StudyInstanceUID, who.studyUid());
        put(list, TagFromName.SeriesInstanceUID, seriesUid);
        put(list, TagFromName.StudyID, who.studyId());
        put(list, TagFromName.SeriesNumber, Integer.toString(request.seriesNumber()));
        put(list, TagFromName.InstanceNumber, Integer.toString(index + 1));
        if (g.hasPosition()) {
            putValues(
                    list,
                    TagFromName.ImagePositionPatient,
                    decimal(g.position().x()),
                    decimal(g.position().y()),
                    decimal(g.position().z()));
        }
        if (g.rowDirection() != null && g.columnDirection() != null) {
            putValues(
                    list,
                    TagFromName.ImageOrientationPatient,
                    decimal(g.rowDirection().x()),
                    decimal(g.rowDirection().y()),
                    decimal(g.rowDirection().z()),
                    decimal(g.columnDirection().x()),
                    decimal(g.columnDirection().y()),
                    decimal(g.columnDirection().z()));
        }
        if (!who.frameOfReference().isEmpty()) {
            put(list, TagFromName.FrameOfReferenceUID, who.frameOfReference());
            put(list, TagFromName.PositionReferenceIndicator, "");
        }
        put(list, TagFromName.SamplesPerPixel, 1);
        put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        put(list, TagFromName.Rows, image.height());
        put(list, TagFromName.Columns, image.width());
        if (g.spacingStated()) {
            putValues(
                    list,
                    TagFromName.PixelSpacing,
                    decimal(g.spacing().rowMm()),
                    decimal(g.spacing().columnMm()));
        }
        put(list, TagFromName.BitsAllocated, 16);
        put(list, TagFromName.BitsStored, 16);
        put(list, TagFromName.HighBit, 15);
        put(list, TagFromName.PixelRepresentation, 1);
        sourceSlice.storedWindow().ifPresent(w -> {
            try {
                put(list, TagFromName.WindowCenter, decimal(w.level()));
                put(list, TagFromName.WindowWidth, decimal(w.width()));
            } catch (DicomException e) {
                throw new IllegalStateException(e);
            }
        });
        put(list, TagFromName.RescaleIntercept, "0");
        put(list, TagFromName.RescaleSlope, "1");
        put(list, TagFromName.RescaleType, "HU");
        put(
                list,
                new AttributeTag(0x0018, 0x0060),
                ""); // KVP, type 2 in the CT Image module; the source's value replaces it below
        put(list, TagFromName.AcquisitionNumber, "");
        Optional<AttributeList> sourceHeader = header(sourceSlice.source());
        sourceHeader.ifPresent(header -> keepFromSource(list, header));
        if (who.removed()) {
            put(list, TagFromName.PatientIdentityRemoved, "YES");
            // LO: at most 64 characters (dciodvfy rejects a longer method as invalid data).
            put(list, TagFromName.DeidentificationMethod, DEIDENTIFICATION_METHOD);
        } else {
            list.put(sourceImageReference(sourceSlice.source()));
        }

        short[] stored = storedValues(image);
        // Outside the field of view the copy keeps the source's padding, not the air the viewer shows;
        // only a source whose header states padding is read again, for its pixels.
        Optional<PixelMedImageReader.SourcePadding> padding = sourceHeader
                .filter(header -> header.get(TagFromName.PixelPaddingValue) != null)
                .flatMap(header -> sourcePadding(sourceSlice.source()));
        if (padding.isPresent() && padding.get().mask().length == stored.length) {
            short value = storedValue(padding.get().hu());
            boolean[] mask = padding.get().mask();
            for (int i = 0; i < stored.length; i++) {
                if (mask[i]) {
                    stored[i] = value;
                }
            }
            // SS, as the copy's pixels are signed (a dictionary default of US would misread -1500).
            SignedShortAttribute paddingValue = new SignedShortAttribute(TagFromName.PixelPaddingValue);
            paddingValue.addValue(value);
            list.put(paddingValue);
        }
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(stored);
        list.put(pixels);

        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
        return list;
    }

    /** The source slice's padding, when its file still reads and states one. */
    private static Optional<PixelMedImageReader.SourcePadding> sourcePadding(SliceSource source) {
        try {
            return PixelMedImageReader.padding(source.file(), source.frame());
        } catch (DicomReadException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The source file's header (up to its pixel data), or empty when it cannot be read any more
     * (moved, unmounted): the copy is then valid without what it would have kept from it.
     */
    private static Optional<AttributeList> header(SliceSource source) {
        try {
            return Optional.of(PixelMedImageReader.readHeader(source.file()));
        } catch (DicomReadException e) {
            return Optional.empty();
        }
    }

    /** Copies {@link #KEPT_FROM_SOURCE} from the source's header, where it has them. */
    private static void keepFromSource(AttributeList list, AttributeList header) {
        for (AttributeTag tag : KEPT_FROM_SOURCE) {
            Attribute a = header.get(tag);
            if (a != null && a.getVM() > 0) {
                list.put(a);
            }
        }
    }

    /** HU rounded to the int16 stored value (slope 1, intercept 0), clamped to the representable range. */
    static short[] storedValues(HuImage image) {
        float[] hu = image.toArray();
        short[] stored = new short[hu.length];
        for (int i = 0; i < hu.length; i++) {
            stored[i] = storedValue(hu[i]);
        }
        return stored;
    }

    /** One HU value as its int16 stored value: rounded, clamped to the representable range. */
    private static short storedValue(double hu) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(hu)));
    }

    private static SequenceAttribute sourceImageReference(SliceSource source) throws DicomException {
        SequenceAttribute sequence = new SequenceAttribute(TagFromName.SourceImageSequence);
        AttributeList item = new AttributeList();
        put(
                item,
                TagFromName.ReferencedSOPClassUID,
                source.sopClassUid().isEmpty() ? SOPClass.CTImageStorage : source.sopClassUid());
        put(item, TagFromName.ReferencedSOPInstanceUID, source.sopInstanceUid());
        sequence.addItem(item);
        return sequence;
    }

    private static void writeFile(AttributeList list, Path file) throws IOException, DicomException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (IOException e) {
            // A stream's failure ("No space left on device") does not say which file: this one does.
            throw new IOException(
                    "cannot write " + file + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag);
        if (value != null && !value.isEmpty()) {
            a.addValue(value);
        }
        list.put(a);
    }

    private static void put(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void putValues(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag);
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
    }

    /** DS values are at most 16 characters (PS3.5 6.2). */
    static String decimal(double value) {
        // As many decimals as fit: a source's "-123.5404569" mm comes back as it was, not rounded to 1e-6.
        for (int decimals = 10; decimals >= 0; decimals--) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            if (s.equals("-0")) {
                s = "0";
            }
            if (s.length() <= 16) {
                return s;
            }
        }
        String s = String.format(Locale.ROOT, "%.9g", value).trim();
        return s.length() > 16 ? s.substring(0, 16) : s;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover hidden .part folder is harmless and named for what it is.
        }
    }
}
