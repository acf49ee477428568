package org.langmamba.imaging.dicom;

import java.util.Optional;
import org.langmamba.imaging.image.PixelSpacing;
import org.langmamba.imaging.image.PlaneDistance;

/**
 * Where a slice lies in the patient: ImagePositionPatient (centre of the first pixel),
 * ImageOrientationPatient (row and column direction cosines), PixelSpacing and SliceThickness.
 * Position and orientation are absent in some files (secondary captures, stripped exports); then
 * slices can only be ordered by InstanceNumber.
 */
public record SliceGeometry(
        Vec3 position,
        Vec3 rowDirection,
        Vec3 columnDirection,
        PixelSpacing spacing,
        boolean spacingStated,
        double thicknessMm,
        double[] rowPositionsMm) {

    /** A slice whose rows are evenly spaced (every acquired slice). */
    public SliceGeometry(
            Vec3 position,
            Vec3 rowDirection,
            Vec3 columnDirection,
            PixelSpacing spacing,
            boolean spacingStated,
            double thicknessMm) {
        this(position, rowDirection, columnDirection, spacing, spacingStated, thicknessMm, null);
    }

    /**
     * How far apart two points of this slice are, in mm. A reformat's rows are the stack's slices at
     * their own positions ({@code rowPositionsMm}, one per row, from the first): with uneven gaps a
     * vertical distance is the difference of those positions, not rows times the mean gap the
     * reformat is drawn at. Other slices: the pixel spacing.
     */
    public PlaneDistance distance() {
        if (rowPositionsMm == null || rowPositionsMm.length < 2) {
            return spacing;
        }
        return (x0, y0, x1, y1) -> Math.hypot((x1 - x0) * spacing.columnMm(), rowPositionMm(y1) - rowPositionMm(y0));
    }

    /** Position in mm of image coordinate y (row centres at r + 0.5), linear between rows and beyond the ends. */
    private double rowPositionMm(double y) {
        double f = y - 0.5;
        int last = rowPositionsMm.length - 1;
        int r = (int) Math.max(0, Math.min(last - 1, Math.floor(f)));
        return rowPositionsMm[r] + (f - r) * (rowPositionsMm[r + 1] - rowPositionsMm[r]);
    }

    /** Slice normal (row x column), if the orientation is known and not degenerate. */
    public Optional<Vec3> normal() {
        if (rowDirection == null || columnDirection == null) {
            return Optional.empty();
        }
        Vec3 n = rowDirection.cross(columnDirection);
        double length = n.length();
        return length < 1e-6 ? Optional.empty() : Optional.of(new Vec3(n.x() / length, n.y() / length, n.z() / length));
    }

    public boolean hasPosition() {
        return position != null;
    }

    public boolean hasThickness() {
        return Double.isFinite(thicknessMm) && thicknessMm > 0;
    }
}
