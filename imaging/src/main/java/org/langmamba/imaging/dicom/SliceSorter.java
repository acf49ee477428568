package org.langmamba.imaging.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders a series along the patient axis. The DICOM-correct key is ImagePositionPatient projected
 * on the slice normal (row x column cosines), which works for any obliquity and any file naming;
 * SliceLocation is not used because it is optional and vendors fill it inconsistently.
 * InstanceNumber is the fallback when any slice lacks a position or the orientations disagree.
 */
final class SliceSorter {
    /** Orientations closer than this (in direction cosine) count as the same plane. */
    private static final double SAME_ORIENTATION = 1e-3;

    record Sorted(List<CtSlice> slices, SliceOrdering ordering) {}

    static Sorted sort(List<CtSlice> input) {
        List<CtSlice> slices = new ArrayList<>(input);
        Optional<Vec3> normal = commonNormal(slices);
        if (normal.isPresent()) {
            Vec3 n = normal.get();
            // Ties (same position) keep InstanceNumber order, so duplicates stay predictable.
            slices.sort(Comparator.<CtSlice>comparingDouble(
                            s -> s.geometry().position().dot(n))
                    .thenComparingInt(s -> s.source().instanceNumber())
                    .thenComparingInt(s -> s.source().frame()));
            return new Sorted(slices, SliceOrdering.POSITION);
        }
        boolean numbered = slices.stream().allMatch(s -> s.source().instanceNumber() != SliceSource.NO_INSTANCE_NUMBER);
        if (numbered || slices.size() == 1) {
            slices.sort(Comparator.<CtSlice>comparingInt(s -> s.source().instanceNumber())
                    .thenComparingInt(s -> s.source().frame()));
            return new Sorted(slices, numbered ? SliceOrdering.INSTANCE_NUMBER : SliceOrdering.FILE_ORDER);
        }
        return new Sorted(slices, SliceOrdering.FILE_ORDER);
    }

    private static Optional<Vec3> commonNormal(List<CtSlice> slices) {
        Vec3 first = null;
        for (CtSlice slice : slices) {
            Optional<Vec3> normal = slice.geometry().normal();
            if (!slice.geometry().hasPosition() || normal.isEmpty()) {
                return Optional.empty();
            }
            if (first == null) {
                first = normal.get();
            } else if (Math.abs(first.dot(normal.get()) - 1.0) > SAME_ORIENTATION) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(first);
    }
}
