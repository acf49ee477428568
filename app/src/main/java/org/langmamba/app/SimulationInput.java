package org.langmamba.app;

import java.util.Locale;
import java.util.Optional;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;

/**
 * What the dose simulator and a training data set need of a DICOM slice beyond its HU image: that it
 * is a scan (not a derived series), square with square pixels, and the width of those pixels.
 */
public final class SimulationInput {
    private SimulationInput() {}

    /** The width of the slice's pixels (square, as {@link #simulationProblem} checks), in mm. */
    public static double pixelSizeMm(CtSlice slice) {
        return slice.geometry().spacing().columnMm();
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
