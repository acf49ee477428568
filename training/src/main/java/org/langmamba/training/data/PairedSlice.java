package org.langmamba.training.data;

import java.io.IOException;
import java.nio.file.Path;
import org.langmamba.imaging.image.HuImage;

/**
 * One LDCT/NDCT pair of a data set, as the manifest lists it; its pixels stay on disk until
 * {@link #load} reads them, so a data set larger than memory streams.
 */
public record PairedSlice(
        String patientId,
        String sliceId,
        int width,
        int height,
        double pixelSizeMm,
        Split split,
        Path lowDoseFile,
        Path normalDoseFile,
        double doseFraction,
        String source) {

    public HuImage loadLowDose() throws IOException {
        return new HuImage(width, height, SliceFiles.read(lowDoseFile, width * height));
    }

    public HuImage loadNormalDose() throws IOException {
        return new HuImage(width, height, SliceFiles.read(normalDoseFile, width * height));
    }
}
