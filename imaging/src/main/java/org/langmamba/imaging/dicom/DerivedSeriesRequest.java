package org.langmamba.imaging.dicom;

import java.util.List;
import org.langmamba.imaging.image.HuImage;

/**
 * A series derived from {@code source} (e.g. denoised): one new HU image per source slice, the
 * description shown in PACS and the DerivationDescription saying how it was made (model, version).
 * With {@code deidentify} the copy leaves the hospital safely: see {@code DerivedSeriesWriter}.
 */
public record DerivedSeriesRequest(
        CtStudy study,
        CtSeries source,
        List<HuImage> images,
        String seriesDescription,
        String derivationDescription,
        int seriesNumber,
        boolean deidentify) {
    /** Patient and study kept, the source images referenced. */
    public DerivedSeriesRequest(
            CtStudy study,
            CtSeries source,
            List<HuImage> images,
            String seriesDescription,
            String derivationDescription,
            int seriesNumber) {
        this(study, source, images, seriesDescription, derivationDescription, seriesNumber, false);
    }

    public DerivedSeriesRequest {
        images = List.copyOf(images);
        if (images.size() != source.size()) {
            throw new IllegalArgumentException("need one derived image per source slice: " + images.size()
                    + " images for " + source.size() + " slices");
        }
        for (int i = 0; i < images.size(); i++) {
            HuImage image = images.get(i);
            if (image.width() != source.width() || image.height() != source.height()) {
                throw new IllegalArgumentException("derived image " + i + " is " + image.width() + "x" + image.height()
                        + " but the source series is " + source.width() + "x" + source.height());
            }
        }
    }
}
