package org.langmamba.imaging.dicom;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether two series can be compared pixel for pixel (a low-dose scan and its normal-dose
 * reference, a test and its reference): same matrix and same pixel spacing. Says which differs,
 * naming both series and both values, because "they must match" leaves a user guessing.
 */
public final class SeriesGeometry {
    /** Spacing within a micrometre is the same spacing (DICOM writes it as decimal text). */
    private static final double SPACING_TOLERANCE_MM = 1e-3;

    private SeriesGeometry() {}

    /** Why {@code first} and {@code second} cannot be compared pixel for pixel, or empty when they can. */
    public static Optional<String> mismatch(CtSeries first, CtSeries second) {
        String a = "'" + first.title() + "'";
        String b = "'" + second.title() + "'";
        if (first.width() != second.width() || first.height() != second.height()) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "series %s is %dx%d but %s is %dx%d",
                    a,
                    first.width(),
                    first.height(),
                    b,
                    second.width(),
                    second.height()));
        }
        if (Math.abs(first.spacing().rowMm() - second.spacing().rowMm()) > SPACING_TOLERANCE_MM
                || Math.abs(first.spacing().columnMm() - second.spacing().columnMm()) > SPACING_TOLERANCE_MM) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "pixel spacing differs: %s %.4f x %.4f mm, %s %.4f x %.4f mm",
                    a,
                    first.spacing().rowMm(),
                    first.spacing().columnMm(),
                    b,
                    second.spacing().rowMm(),
                    second.spacing().columnMm()));
        }
        return Optional.empty();
    }
}
