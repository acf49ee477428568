package org.langmamba.imaging.dicom;

import java.util.Optional;
import org.langmamba.imaging.image.PixelSpacing;

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
        double thicknessMm) {

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
