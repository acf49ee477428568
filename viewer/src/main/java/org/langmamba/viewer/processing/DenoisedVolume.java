package org.langmamba.viewer.processing;

import java.util.ArrayList;
import java.util.List;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;

/**
 * A completely denoised series as a series of its own: the source's slices, geometry and order with
 * the denoised pixels, so that it can be reformatted like any stack (MPR of the denoised series).
 */
public final class DenoisedVolume {
    private DenoisedVolume() {}

    public static CtSeries of(DenoisedSeries result) {
        CtSeries source = result.source();
        List<HuImage> images = result.images(); // refuses an incomplete series
        List<CtSlice> slices = new ArrayList<>(source.size());
        for (int i = 0; i < source.size(); i++) {
            slices.add(source.slice(i).withImage(images.get(i)));
        }
        return new CtSeries(
                source.seriesInstanceUid() + ".8",
                source.seriesNumber(),
                result.label(),
                source.modality(),
                source.frameOfReferenceUid(),
                "DENOISED " + result.model().label(),
                source.kernel(),
                source.bodyPart(),
                slices,
                source.ordering());
    }
}
