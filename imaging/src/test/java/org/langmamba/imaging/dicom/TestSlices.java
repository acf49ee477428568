package org.langmamba.imaging.dicom;

import java.nio.file.Path;
import java.util.Optional;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.PixelSpacing;

/** Hand-made slices for ordering and assembly rules that real files rarely exercise. */
final class TestSlices {
    static final Vec3 ROW = new Vec3(1, 0, 0);
    static final Vec3 COLUMN = new Vec3(0, 1, 0);

    static CtSlice at(Vec3 position, int instanceNumber, int size) {
        return at(position, instanceNumber, size, ROW, COLUMN);
    }

    /** A slice of the given row and column directions (a coronal localizer, a tilted axial). */
    static CtSlice at(Vec3 position, int instanceNumber, int size, Vec3 row, Vec3 column) {
        SliceGeometry geometry = new SliceGeometry(
                position,
                position == null ? null : row,
                position == null ? null : column,
                new PixelSpacing(0.7, 0.7),
                true,
                1.0);
        return new CtSlice(
                new HuImage(size, size, new float[size * size]),
                geometry,
                new SliceSource(
                        Path.of("slice-" + instanceNumber + ".dcm"), 0, "", "1.2.3." + instanceNumber, instanceNumber),
                Optional.empty());
    }

    private TestSlices() {}
}
