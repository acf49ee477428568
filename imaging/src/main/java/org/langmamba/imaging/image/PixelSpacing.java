package org.langmamba.imaging.image;

/**
 * Physical pixel size in mm, in DICOM's order: PixelSpacing (0028,0030) is
 * "row spacing \ column spacing", i.e. the vertical distance between rows first.
 */
public record PixelSpacing(double rowMm, double columnMm) implements PlaneDistance {
    /** Used when a file states no spacing: measurements are then in pixels, and say so. */
    public static final PixelSpacing UNKNOWN = new PixelSpacing(1.0, 1.0);

    public PixelSpacing {
        if (!(rowMm > 0) || !(columnMm > 0) || !Double.isFinite(rowMm) || !Double.isFinite(columnMm)) {
            throw new IllegalArgumentException("pixel spacing must be positive, got " + rowMm + "\\" + columnMm);
        }
    }

    public double pixelAreaMm2() {
        return rowMm * columnMm;
    }

    /** Length in mm of a step of dx columns and dy rows. */
    public double distanceMm(double dx, double dy) {
        return Math.hypot(dx * columnMm, dy * rowMm);
    }

    @Override
    public double mm(double x0, double y0, double x1, double y1) {
        return distanceMm(x1 - x0, y1 - y0);
    }
}
