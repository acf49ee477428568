package org.langmamba.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttributeMultipleFrameArrays;
import com.pixelmed.dicom.OtherWordAttributeMultipleFrameArrays;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.PixelSpacing;
import org.langmamba.imaging.image.Window;

/**
 * Decodes one DICOM file into slices in modality units (HU for CT) with PixelMed.
 *
 * <p>Transfer syntaxes: PixelMed reads implicit/explicit little endian, explicit big endian and
 * deflated, and decompresses RLE, JPEG baseline, JPEG lossless (pixelmed-imageio) and JPEG 2000
 * (jai-imageio) on read. Whatever it cannot decode becomes a {@link DicomReadException} whose
 * message names the transfer syntax.
 *
 * <p>Stored values are taken to BitsStored bits and sign-extended per PixelRepresentation before
 * RescaleSlope/Intercept, because some encoders (JPEG 2000 in particular) hand back unsigned
 * samples for signed data. Pixels equal to PixelPaddingValue (or inside the padding range) are
 * not part of the image; they become {@link #PADDING_HU} so they show as air and never pull
 * statistics or networks towards -2000 or -3024 HU.
 */
public final class PixelMedImageReader {
    /** HU given to padding pixels: air. */
    public static final float PADDING_HU = -1024f;

    static final String DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10";

    /** Decodes {@code file}; any monochrome image is decoded, whatever its modality. */
    public DecodedImageFile read(Path file) throws DicomReadException {
        AttributeList list = readAttributes(file);
        String sopClass = sopClassOf(list);
        if (DICOMDIR_SOP_CLASS.equals(sopClass) || list.get(TagFromName.DirectoryRecordSequence) != null) {
            throw new DicomReadException("DICOMDIR (a media index, not an image); open it to read the images it lists");
        }
        Attribute pixelData = list.getPixelData();
        if (pixelData == null) {
            if (!sopClass.isEmpty() && !SOPClass.isImageStorage(sopClass)) {
                throw new DicomReadException("not an image: " + describeSopClass(sopClass));
            }
            if (sopClass.isEmpty() && list.get(TagFromName.Rows) == null) {
                // PixelMed parses almost any bytes as some data set; without a SOP class or any
                // image attribute there is nothing that makes this a DICOM image.
                throw new DicomReadException("not a DICOM image: no SOP class, no image attributes, no pixel data");
            }
            throw new DicomReadException("no pixel data: the file is truncated or the pixel data element is missing");
        }
        return decode(file, list, pixelData);
    }

    /** The pixels of a frame that are padding (outside the field of view), and the HU the padding value stands for. */
    public record SourcePadding(boolean[] mask, float hu) {}

    /**
     * Which pixels of frame {@code frame} of {@code file} are padding, and the padding value in HU;
     * empty when the file states no PixelPaddingValue. The viewer shows padding as air
     * ({@link #PADDING_HU}); an export gives it back its own value (issue 20: the GE head's -1500).
     */
    public static Optional<SourcePadding> padding(Path file, int frame) throws DicomReadException {
        AttributeList list = readAttributes(file);
        Attribute pixelData = list.getPixelData();
        if (pixelData == null) {
            return Optional.empty();
        }
        int bitsAllocated = Attributes.integer(list, TagFromName.BitsAllocated, 16);
        int bitsStored = Attributes.integer(list, TagFromName.BitsStored, bitsAllocated);
        boolean signed = Attributes.integer(list, TagFromName.PixelRepresentation, 0) == 1;
        StoredValueDecoder decoder = new StoredValueDecoder(bitsStored, signed);
        PaddingRange range = PaddingRange.of(list, decoder);
        if (!range.present()) {
            return Optional.empty();
        }
        int rows = Attributes.integer(list, TagFromName.Rows, 0);
        int columns = Attributes.integer(list, TagFromName.Columns, 0);
        int frames = Math.max(1, Attributes.integer(list, TagFromName.NumberOfFrames, 1));
        int[] values = storedValues(pixelData, rows * columns, frames, bitsAllocated)[frame];
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = range.contains(decoder.decode(values[i]));
        }
        AttributeList rescale = Attributes.frameScope(
                list, frame, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleSlope);
        double slope = Attributes.decimal(rescale, TagFromName.RescaleSlope, 1.0);
        double intercept = Attributes.decimal(rescale, TagFromName.RescaleIntercept, 0.0);
        return Optional.of(new SourcePadding(mask, (float) (range.low() * slope + intercept)));
    }

    static AttributeList readAttributes(Path file) throws DicomReadException {
        return readAttributes(file, null);
    }

    /**
     * The attributes before the pixel data, none of it decoded: what an export copies from its
     * source. Read through the {@link Path}, so a source inside the resources jar reads too.
     */
    static AttributeList readHeader(Path file) throws DicomReadException {
        return readAttributes(file, TagFromName.PixelData);
    }

    /** Every attribute of {@code file}, or those before {@code stopAt} (null: to the end). */
    private static AttributeList readAttributes(Path file, AttributeTag stopAt) throws DicomReadException {
        try (InputStream raw = Files.newInputStream(file);
                DicomInputStream in = new DicomInputStream(new BufferedInputStream(raw, 1 << 16))) {
            AttributeList list = new AttributeList();
            if (stopAt == null) {
                list.read(in);
            } else {
                list.read(in, stopAt);
            }
            return list;
        } catch (EOFException e) {
            throw new DicomReadException("file ends early (truncated)", e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Not a DICOM file")) {
                throw new DicomReadException("not a DICOM file", e);
            }
            throw new DicomReadException("cannot read: " + message, e);
        } catch (DicomException e) {
            throw new DicomReadException(decodeFailure(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Codecs inside PixelMed and ImageIO throw unchecked exceptions on corrupt streams.
            throw new DicomReadException("cannot decode: " + e, e);
        }
    }

    private static String decodeFailure(String message) {
        String m = String.valueOf(message);
        if (m.contains("jpeg-ls") || m.contains("1.2.840.10008.1.2.4.80") || m.contains("1.2.840.10008.1.2.4.81")) {
            return "compressed as JPEG-LS, which no decoder on Maven Central reads; convert it (e.g. dcmtk's dcmdjpls) first";
        }
        if (m.contains("1.2.840.10008.1.2.4.51")) {
            return "compressed as 12-bit extended JPEG, which Java's JPEG reader does not decode; convert it (e.g. dcmtk's dcmdjpeg) first";
        }
        return "cannot decode: " + m;
    }

    static String sopClassOf(AttributeList list) {
        String sop = Attributes.string(list, TagFromName.SOPClassUID);
        return sop.isEmpty() ? Attributes.string(list, TagFromName.MediaStorageSOPClassUID) : sop;
    }

    static String describeSopClass(String uid) {
        String description = SOPClassDescriptions.getDescriptionFromUID(uid);
        return description == null || description.isBlank() ? "SOP class " + uid : description + " (" + uid + ")";
    }

    private DecodedImageFile decode(Path file, AttributeList list, Attribute pixelData) throws DicomReadException {
        int rows = Attributes.integer(list, TagFromName.Rows, 0);
        int columns = Attributes.integer(list, TagFromName.Columns, 0);
        int frames = Math.max(1, Attributes.integer(list, TagFromName.NumberOfFrames, 1));
        int samples = Attributes.integer(list, TagFromName.SamplesPerPixel, 1);
        int bitsAllocated = Attributes.integer(list, TagFromName.BitsAllocated, 16);
        int bitsStored = Attributes.integer(list, TagFromName.BitsStored, bitsAllocated);
        boolean signed = Attributes.integer(list, TagFromName.PixelRepresentation, 0) == 1;
        String photometric = Attributes.string(list, TagFromName.PhotometricInterpretation);

        if (rows <= 0 || columns <= 0) {
            throw new DicomReadException("image size missing (Rows " + rows + ", Columns " + columns + ")");
        }
        if (samples != 1 || !(photometric.isEmpty() || photometric.startsWith("MONOCHROME"))) {
            throw new DicomReadException(
                    "colour image (" + (photometric.isEmpty() ? samples + " samples per pixel" : photometric)
                            + "), not a greyscale CT slice");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new DicomReadException(bitsAllocated + " bits allocated per pixel; only 8 and 16 are read");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new DicomReadException("BitsStored " + bitsStored + " does not fit BitsAllocated " + bitsAllocated);
        }

        int[][] stored = storedValues(pixelData, rows * columns, frames, bitsAllocated);
        StoredValueDecoder decoder = new StoredValueDecoder(bitsStored, signed);
        PaddingRange padding = PaddingRange.of(list, decoder);

        String sopInstance = Attributes.string(list, TagFromName.SOPInstanceUID);
        int instanceNumber = Attributes.integer(list, TagFromName.InstanceNumber, SliceSource.NO_INSTANCE_NUMBER);
        String sopClass = sopClassOf(list);
        List<CtSlice> slices = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            AttributeList rescale = Attributes.frameScope(
                    list, f, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleSlope);
            double slope = Attributes.decimal(rescale, TagFromName.RescaleSlope, 1.0);
            double intercept = Attributes.decimal(rescale, TagFromName.RescaleIntercept, 0.0);
            if (slope == 0.0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
                throw new DicomReadException("invalid RescaleSlope/Intercept " + slope + "/" + intercept);
            }
            float[] hu = new float[rows * columns];
            int[] frameValues = stored[f];
            for (int i = 0; i < hu.length; i++) {
                int value = decoder.decode(frameValues[i]);
                hu[i] = padding.contains(value) ? PADDING_HU : (float) (value * slope + intercept);
            }
            slices.add(new CtSlice(
                    new HuImage(columns, rows, hu),
                    geometry(list, f),
                    new SliceSource(file, f, sopClass, sopInstance, instanceNumber),
                    storedWindow(list, f)));
        }
        return new DecodedImageFile(
                Attributes.string(list, TagFromName.Modality),
                Attributes.string(list, TagFromName.StudyInstanceUID),
                new Patient(
                        Attributes.string(list, TagFromName.PatientName),
                        Attributes.string(list, TagFromName.PatientID),
                        Attributes.string(list, TagFromName.PatientBirthDate),
                        Attributes.string(list, TagFromName.PatientSex)),
                Attributes.string(list, TagFromName.StudyDate),
                Attributes.string(list, TagFromName.StudyTime),
                Attributes.string(list, TagFromName.StudyDescription),
                Attributes.string(list, TagFromName.AccessionNumber),
                Attributes.string(list, TagFromName.StudyID),
                Attributes.string(list, TagFromName.SeriesInstanceUID),
                Attributes.integer(list, TagFromName.SeriesNumber, 0),
                Attributes.string(list, TagFromName.SeriesDescription),
                Attributes.string(list, TagFromName.FrameOfReferenceUID),
                derivation(list),
                kernel(list),
                Attributes.string(list, TagFromName.BodyPartExamined),
                slices);
    }

    /**
     * "" for an image as acquired; for one whose ImageType says DERIVED, its DerivationDescription
     * (or "DERIVED" when it has none): lossless recompression and reformats are derived too.
     */
    private static String derivation(AttributeList list) {
        if (!Attributes.string(list, TagFromName.ImageType)
                .toUpperCase(Locale.ROOT)
                .startsWith("DERIVED")) {
            return "";
        }
        String description = Attributes.string(list, TagFromName.DerivationDescription);
        return description.isEmpty() ? "DERIVED" : description;
    }

    /** ConvolutionKernel, all its values (Siemens writes "Hr38s\\3"), "" when absent. */
    private static String kernel(AttributeList list) {
        Attribute kernel = list.get(TagFromName.ConvolutionKernel);
        if (kernel == null) {
            return "";
        }
        try {
            return String.join(" ", kernel.getStringValues()).trim();
        } catch (DicomException e) {
            return "";
        }
    }

    /** Raw stored words per frame, unmasked; checks there are as many as the header promises. */
    private static int[][] storedValues(Attribute pixelData, int pixelsPerFrame, int frames, int bitsAllocated)
            throws DicomReadException {
        try {
            int[][] out = new int[frames][];
            if (pixelData instanceof OtherWordAttributeMultipleFrameArrays multi) {
                short[][] perFrame = multi.getShortValuesPerFrame();
                for (int f = 0; f < frames; f++) {
                    out[f] = widen(
                            requireLength(perFrame.length > f ? perFrame[f] : new short[0], pixelsPerFrame, f),
                            0,
                            pixelsPerFrame);
                }
                return out;
            }
            if (pixelData instanceof OtherByteAttributeMultipleFrameArrays multi) {
                byte[][] perFrame = multi.getByteValuesPerFrame();
                for (int f = 0; f < frames; f++) {
                    byte[] bytes = perFrame.length > f ? perFrame[f] : new byte[0];
                    checkLength(bytes.length, pixelsPerFrame, f);
                    out[f] = widen(bytes, 0, pixelsPerFrame);
                }
                return out;
            }
            if (bitsAllocated == 16) {
                short[] words = pixelData.getShortValues();
                checkLength(words == null ? 0 : words.length, pixelsPerFrame * frames, -1);
                for (int f = 0; f < frames; f++) {
                    out[f] = widen(words, f * pixelsPerFrame, pixelsPerFrame);
                }
            } else {
                byte[] bytes = pixelData.getByteValues();
                checkLength(bytes == null ? 0 : bytes.length, pixelsPerFrame * frames, -1);
                for (int f = 0; f < frames; f++) {
                    out[f] = widen(bytes, f * pixelsPerFrame, pixelsPerFrame);
                }
            }
            return out;
        } catch (DicomException e) {
            throw new DicomReadException("pixel data unreadable: " + e.getMessage(), e);
        }
    }

    private static short[] requireLength(short[] values, int expected, int frame) throws DicomReadException {
        checkLength(values.length, expected, frame);
        return values;
    }

    private static void checkLength(int actual, int expected, int frame) throws DicomReadException {
        if (actual < expected) {
            throw new DicomReadException(String.format(
                    Locale.ROOT,
                    "pixel data too short%s: %d of %d values (truncated file?)",
                    frame >= 0 ? " in frame " + (frame + 1) : "",
                    actual,
                    expected));
        }
    }

    private static int[] widen(short[] words, int offset, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = words[offset + i] & 0xFFFF;
        }
        return out;
    }

    private static int[] widen(byte[] bytes, int offset, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = bytes[offset + i] & 0xFF;
        }
        return out;
    }

    private static SliceGeometry geometry(AttributeList list, int frame) {
        AttributeList positionScope =
                Attributes.frameScope(list, frame, TagFromName.PlanePositionSequence, TagFromName.ImagePositionPatient);
        AttributeList orientationScope = Attributes.frameScope(
                list, frame, TagFromName.PlaneOrientationSequence, TagFromName.ImageOrientationPatient);
        AttributeList measuresScope =
                Attributes.frameScope(list, frame, TagFromName.PixelMeasuresSequence, TagFromName.PixelSpacing);
        double[] position = Attributes.decimals(positionScope, TagFromName.ImagePositionPatient, 3);
        double[] orientation = Attributes.decimals(orientationScope, TagFromName.ImageOrientationPatient, 6);
        double[] spacing = Attributes.decimals(measuresScope, TagFromName.PixelSpacing, 2);
        boolean spacingStated = spacing != null && spacing[0] > 0 && spacing[1] > 0;
        AttributeList thicknessScope =
                Attributes.frameScope(list, frame, TagFromName.PixelMeasuresSequence, TagFromName.SliceThickness);
        return new SliceGeometry(
                position == null ? null : Vec3.of(position, 0),
                orientation == null ? null : Vec3.of(orientation, 0),
                orientation == null ? null : Vec3.of(orientation, 3),
                spacingStated ? new PixelSpacing(spacing[0], spacing[1]) : PixelSpacing.UNKNOWN,
                spacingStated,
                Attributes.decimal(thicknessScope, TagFromName.SliceThickness, Double.NaN));
    }

    private static Optional<Window> storedWindow(AttributeList list, int frame) {
        AttributeList scope =
                Attributes.frameScope(list, frame, TagFromName.FrameVOILUTSequence, TagFromName.WindowCenter);
        double[] centre = Attributes.decimals(scope, TagFromName.WindowCenter, 1);
        double[] width = Attributes.decimals(scope, TagFromName.WindowWidth, 1);
        if (centre == null || width == null || !(width[0] >= Window.MIN_WIDTH) || !Double.isFinite(centre[0])) {
            return Optional.empty();
        }
        return Optional.of(new Window(centre[0], width[0]));
    }
}
