package org.langmamba.imaging.dicom;

import java.util.List;
import java.util.Locale;
import org.langmamba.imaging.image.PixelSpacing;

/**
 * A CT series: the slices sharing a SeriesInstanceUID, in order along the patient axis.
 * All slices have the same matrix size (the reader sets aside slices that do not). {@code kernel}
 * is the reconstruction kernel of its first image (ConvolutionKernel, "" when not stated): with the
 * thickness, what a physicist reads first about a series' noise. {@code bodyPart} is its
 * BodyPartExamined ("" when not stated), a hint to the body region the token words are read for.
 */
public record CtSeries(
        String seriesInstanceUid,
        int seriesNumber,
        String description,
        String modality,
        String frameOfReferenceUid,
        String derivation,
        String kernel,
        String bodyPart,
        List<CtSlice> slices,
        SliceOrdering ordering) {

    public CtSeries {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one slice: " + seriesInstanceUid);
        }
        slices = List.copyOf(slices);
    }

    /**
     * Whether the noise is not the scanner's: a series whose derivation (DerivationDescription of a
     * DERIVED image; {@code derivation} is "" for images as acquired) says it was denoised or its dose
     * simulated, as this workstation's exports say. Lossless recompression (NEMA's CT1) is derived
     * too but keeps the scan's noise, so it does not count.
     */
    public boolean noiseAltered() {
        String d = derivation.toLowerCase(Locale.ROOT);
        return d.contains("denois") || d.contains("dose simulat") || d.contains("simulated");
    }

    public int size() {
        return slices.size();
    }

    public CtSlice slice(int index) {
        return slices.get(index);
    }

    public int width() {
        return slices.get(0).width();
    }

    public int height() {
        return slices.get(0).height();
    }

    public PixelSpacing spacing() {
        return slices.get(0).geometry().spacing();
    }

    /** Stated SliceThickness of the first slice, NaN when unknown. */
    public double thicknessMm() {
        return slices.get(0).geometry().thicknessMm();
    }

    /** How its slices stand to each other: gaps along the normal, lean of the stack. */
    public StackGeometry stackGeometry() {
        return StackGeometry.of(slices);
    }

    /** Description for lists, never empty. */
    public String title() {
        String name = description == null || description.isBlank() ? "(no description)" : description;
        return seriesNumber > 0 ? "#" + seriesNumber + " " + name : name;
    }
}
