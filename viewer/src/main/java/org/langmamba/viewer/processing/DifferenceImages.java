package org.langmamba.viewer.processing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javafx.beans.property.ReadOnlyIntegerProperty;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.HuImages;
import org.langmamba.imaging.image.Window;

/**
 * Denoised − original for each slice of a {@link DenoisedSeries}, made when first shown. Shown in a
 * symmetric window around 0 HU of its own: the HU windows of the other panes mean nothing here.
 */
public final class DifferenceImages implements DerivedImages {
    /** ±50 HU: quarter-dose noise (SD 20–40 HU) fills it without clipping most of it. */
    public static final Window DEFAULT_WINDOW = new Window(0, 100);

    private final DenoisedSeries denoised;
    private final AtomicReferenceArray<HuImage> differences;

    public DifferenceImages(DenoisedSeries denoised) {
        this.denoised = denoised;
        this.differences = new AtomicReferenceArray<>(denoised.size());
    }

    @Override
    public Optional<HuImage> image(int index) {
        Optional<HuImage> d = denoised.image(index);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        HuImage cached = differences.get(index);
        if (cached == null) {
            cached = HuImages.difference(d.get(), denoised.source().slice(index).image());
            differences.set(index, cached);
        }
        return Optional.of(cached);
    }

    @Override
    public ReadOnlyIntegerProperty revisionProperty() {
        return denoised.revisionProperty();
    }

    @Override
    public String label() {
        return "DIFFERENCE denoised − original – " + denoised.model().label();
    }

    @Override
    public Optional<Window> ownWindow() {
        return Optional.of(DEFAULT_WINDOW);
    }
}
