package org.langmamba.imaging.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits the slices of one DICOM series into stacks a viewer can scroll: one orientation each (a
 * series that also holds its localizers, or axial and coronal images together) and one slice per
 * position (a series holding a repeated or dynamic acquisition over the same positions). Sorting such
 * a series as one stack would interleave planes or show each position twice. The orientation is
 * the body plane the slice normal is nearest to, so a tilted axial stack (the GE head's 18.5°, or a
 * tilt that varies slice to slice) stays one stack. Slices without an orientation join the largest
 * stack; slices without a position are never taken for repeats.
 */
final class StackSplitter {
    /** Positions closer than this along the normal are the same position (DICOM writes 0.01 mm or finer). */
    private static final double SAME_POSITION_MM = 0.01;

    enum BodyPlane {
        AXIAL("axial"),
        CORONAL("coronal"),
        SAGITTAL("sagittal");

        final String label;

        BodyPlane(String label) {
            this.label = label;
        }

        /** The plane whose normal is nearest to {@code normal}: x sagittal, y coronal, z axial. */
        static BodyPlane of(Vec3 normal) {
            double x = Math.abs(normal.x());
            double y = Math.abs(normal.y());
            double z = Math.abs(normal.z());
            if (z >= x && z >= y) {
                return AXIAL;
            }
            return y >= x ? CORONAL : SAGITTAL;
        }
    }

    /** A stack and what sets it apart from the series' other stacks (empty when it is the only one). */
    record Stack(List<CtSlice> slices, String label) {}

    /** The stacks, largest orientation first, repeats in order; and why the series was split (empty if not). */
    record Split(List<Stack> stacks, String reason) {}

    private StackSplitter() {}

    static Split split(List<CtSlice> slices) {
        Map<BodyPlane, List<CtSlice>> byPlane = new EnumMap<>(BodyPlane.class);
        List<CtSlice> unoriented = new ArrayList<>();
        for (CtSlice s : slices) {
            Optional<Vec3> normal = s.geometry().normal();
            if (normal.isPresent()) {
                byPlane.computeIfAbsent(BodyPlane.of(normal.get()), p -> new ArrayList<>())
                        .add(s);
            } else {
                unoriented.add(s);
            }
        }
        if (byPlane.isEmpty()) {
            return new Split(List.of(new Stack(slices, "")), "");
        }
        List<Map.Entry<BodyPlane, List<CtSlice>>> planes = new ArrayList<>(byPlane.entrySet());
        planes.sort(Comparator.comparingInt(
                        (Map.Entry<BodyPlane, List<CtSlice>> e) -> e.getValue().size())
                .reversed());
        planes.get(0).getValue().addAll(unoriented);

        List<Stack> stacks = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (planes.size() > 1) {
            reasons.add("slices in " + planes.size() + " orientations ("
                    + String.join(
                            ", ",
                            planes.stream()
                                    .map(e -> e.getKey().label + " "
                                            + e.getValue().size())
                                    .toList())
                    + ")");
        }
        for (Map.Entry<BodyPlane, List<CtSlice>> plane : planes) {
            List<List<CtSlice>> repeats = byRepeat(plane.getValue());
            if (repeats.size() > 1) {
                reasons.add(plane.getKey().label + " positions repeated " + repeats.size() + " times (a repeated or"
                        + " dynamic acquisition)");
            }
            for (int r = 0; r < repeats.size(); r++) {
                String label = (planes.size() > 1 ? plane.getKey().label : "")
                        + (repeats.size() > 1 ? (planes.size() > 1 ? " " : "") + "repeat " + (r + 1) : "");
                stacks.add(new Stack(repeats.get(r), label));
            }
        }
        String reason =
                reasons.isEmpty() ? "" : String.join("; ", reasons) + ": split into " + stacks.size() + " series";
        return new Split(stacks, reason);
    }

    /**
     * The n-th slice met at a position (in InstanceNumber order) goes to stack n: a dynamic series of
     * 3 passes over 40 positions gives 3 stacks of 40. Slices without a position stay in the first.
     */
    private static List<List<CtSlice>> byRepeat(List<CtSlice> slices) {
        Optional<Vec3> normal = slices.stream()
                .map(s -> s.geometry().normal())
                .flatMap(Optional::stream)
                .findFirst();
        List<List<CtSlice>> repeats = new ArrayList<>();
        repeats.add(new ArrayList<>());
        if (normal.isEmpty()) {
            repeats.get(0).addAll(slices);
            return repeats;
        }
        List<CtSlice> ordered = new ArrayList<>(slices);
        ordered.sort(Comparator.comparingInt(s -> s.source().instanceNumber()));
        Map<Long, Integer> seen = new HashMap<>();
        for (CtSlice s : ordered) {
            if (!s.geometry().hasPosition()) {
                repeats.get(0).add(s);
                continue;
            }
            long position = Math.round(s.geometry().position().dot(normal.get()) / SAME_POSITION_MM);
            int n = seen.merge(position, 1, Integer::sum) - 1;
            while (repeats.size() <= n) {
                repeats.add(new ArrayList<>());
            }
            repeats.get(n).add(s);
        }
        return repeats;
    }
}
