package org.langmamba.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.dicom.SeriesGeometry;
import org.langmamba.imaging.dicom.Vec3;

/**
 * Pairs the slices of two series of one patient (low and normal dose, or a test and its
 * reference) by position along the slice normal. The series must share matrix, pixel spacing and
 * orientation, or the pairing stops with the reason; slices without a partner within half a slice
 * are listed, not guessed.
 */
public final class SeriesPairing {
    public record Pair(CtSlice first, CtSlice second) {}

    public record Result(List<Pair> pairs, List<String> unmatched) {}

    public static final class GeometryMismatch extends Exception {
        GeometryMismatch(String message) {
            super(message);
        }
    }

    private SeriesPairing() {}

    public static Result pair(CtSeries first, CtSeries second) throws GeometryMismatch {
        Optional<String> mismatch = SeriesGeometry.mismatch(first, second);
        if (mismatch.isPresent()) {
            throw new GeometryMismatch(mismatch.get());
        }
        String a = "'" + first.title() + "'";
        String b = "'" + second.title() + "'";
        Optional<Vec3> n1 = first.slice(0).geometry().normal();
        Optional<Vec3> n2 = second.slice(0).geometry().normal();
        boolean positioned = n1.isPresent() && n2.isPresent() && allPositioned(first) && allPositioned(second);
        if (positioned && Math.abs(n1.get().dot(n2.get()) - 1) > 1e-3) {
            throw new GeometryMismatch("series " + a + " and " + b + " are not in the same orientation");
        }
        List<Pair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        boolean[] used = new boolean[second.size()];
        double tolerance = positioned ? halfSlice(first, second) : 0.5;
        for (CtSlice s : first.slices()) {
            double key = positioned ? along(s, n1.get()) : s.source().instanceNumber();
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < second.size(); j++) {
                CtSlice t = second.slice(j);
                double distance = Math.abs(
                        key - (positioned ? along(t, n1.get()) : t.source().instanceNumber()));
                if (!used[j] && distance < bestDistance) {
                    best = j;
                    bestDistance = distance;
                }
            }
            if (best >= 0 && bestDistance <= tolerance) {
                used[best] = true;
                pairs.add(new Pair(s, second.slice(best)));
            } else {
                unmatched.add(String.format(
                        Locale.ROOT,
                        "%s slice at %s has no partner in %s",
                        a,
                        positioned ? String.format(Locale.ROOT, "%.2f mm", key) : "instance " + (int) key,
                        b));
            }
        }
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                CtSlice t = second.slice(j);
                unmatched.add(String.format(
                        Locale.ROOT,
                        "%s slice at %s has no partner in %s",
                        b,
                        positioned
                                ? String.format(Locale.ROOT, "%.2f mm", along(t, n1.get()))
                                : "instance " + t.source().instanceNumber(),
                        a));
            }
        }
        return new Result(pairs, unmatched);
    }

    private static boolean allPositioned(CtSeries s) {
        return s.slices().stream().allMatch(x -> x.geometry().hasPosition());
    }

    private static double along(CtSlice s, Vec3 normal) {
        return s.geometry().position().dot(normal);
    }

    /** Half the slice thickness (or half the smallest gap between slices), at least 0.01 mm. */
    private static double halfSlice(CtSeries first, CtSeries second) {
        double thickness = Math.min(first.thicknessMm(), second.thicknessMm());
        if (Double.isFinite(thickness) && thickness > 0) {
            return thickness / 2;
        }
        return 0.5;
    }
}
