package org.langmamba.app;

import java.util.Locale;
import java.util.Optional;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.data.HuSlice;

/** Converts between the viewer's slices and training's, the one seam between the two modules. */
public final class HuSlices {
    private HuSlices() {}

    public static HuSlice toTraining(CtSlice slice) {
        return new HuSlice(
                slice.width(),
                slice.height(),
                slice.image().toArray(),
                slice.geometry().spacing().columnMm());
    }

    public static HuImage toViewer(HuSlice slice) {
        return new HuImage(slice.width(), slice.height(), slice.hu());
    }

    /**
     * Why this series is no normal-dose scan to simulate a lower dose of, if it is not: a denoised or
     * dose-simulated series (this workstation's exports among them) would be simulated twice over, or
     * teach a denoiser a target it never sees.
     */
    public static Optional<String> notAScan(CtSeries series) {
        if (series.noiseAltered()) {
            return Optional.of("derived (\"" + series.derivation()
                    + "\"): its noise is not the scanner's, so it is not a scan to simulate from");
        }
        return Optional.empty();
    }

    /** Why this slice cannot go through the dose simulator, if it cannot. */
    public static Optional<String> simulationProblem(CtSlice slice) {
        if (slice.width() != slice.height()) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%dx%d is not square; the simulated scanner reconstructs square slices",
                    slice.width(),
                    slice.height()));
        }
        if (!slice.geometry().spacingStated()) {
            return Optional.of("no PixelSpacing: the simulated scan needs the pixel size");
        }
        double row = slice.geometry().spacing().rowMm();
        double column = slice.geometry().spacing().columnMm();
        if (Math.abs(row - column) > 1e-3 * column) {
            return Optional.of(String.format(Locale.ROOT, "pixels are not square (%.4f x %.4f mm)", row, column));
        }
        return Optional.empty();
    }
}
