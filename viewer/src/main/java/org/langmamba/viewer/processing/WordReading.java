package org.langmamba.viewer.processing;

import java.util.Optional;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.AnatomicRegion;

/**
 * How the overlay reads a slice's latents as words: in the words of the slice's body region (a head
 * in brain and skull, not in liver and bowel; the region read from the pixels, the header a hint) or
 * in the whole codebook, as the LangAE itself chooses. {@code pixelSizeMm} sizes the body for the
 * region; {@code namedInHeader} is what BodyPartExamined or the series description say, if anything.
 */
public record WordReading(boolean bodyRegionWords, double pixelSizeMm, Optional<AnatomicRegion> namedInHeader) {
    public WordReading {
        if (!(pixelSizeMm > 0)) {
            throw new IllegalArgumentException("pixel size must be positive: " + pixelSizeMm);
        }
    }

    /** For {@code slice} of {@code series}: its spacing, its series' BodyPartExamined and description. */
    public static WordReading of(CtSeries series, CtSlice slice, boolean bodyRegionWords) {
        return new WordReading(
                bodyRegionWords,
                slice.geometry().spacing().columnMm(),
                AnatomicRegion.named(series.bodyPart(), series.description()));
    }
}
