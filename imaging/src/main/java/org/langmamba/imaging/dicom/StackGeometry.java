package org.langmamba.imaging.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a series' slices stand to each other: the gaps between neighbouring slice positions along the
 * slices' normal, and how far the stack leans (a gantry tilt shears it, whether the scanner wrote
 * the tilt into the orientation or only into GantryDetectorTilt). What a reader of reformats, of
 * distances along z and of the load report must be told.
 */
public record StackGeometry(double meanGapMm, double minGapMm, double maxGapMm, double tiltDegrees) {
    /** Gaps within 5 % of each other count as even (rounding of positions in the headers). */
    private static final double EVEN = 1.05;
    /** Below half a degree a stack counts as straight. */
    private static final double STRAIGHT_DEGREES = 0.5;

    /** The geometry of {@code slices} in their order; a single slice has no gaps and no lean. */
    public static StackGeometry of(List<CtSlice> slices) {
        if (slices.size() < 2 || !slices.get(0).geometry().hasPosition()) {
            return new StackGeometry(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Vec3 normal = normal(slices);
        double[] along = positionsAlongNormal(slices);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 1; i < slices.size(); i++) {
            double gap = Math.abs(along[i] - along[i - 1]);
            sum += gap;
            min = Math.min(min, gap);
            max = Math.max(max, gap);
        }
        Vec3 d = slices.get(slices.size() - 1)
                .geometry()
                .position()
                .minus(slices.get(0).geometry().position());
        double tilt =
                d.length() == 0 ? 0 : Math.toDegrees(Math.acos(Math.min(1, Math.abs(d.dot(normal)) / d.length())));
        return new StackGeometry(sum / (slices.size() - 1), min, max, tilt);
    }

    /** Each slice's position along the first slice's normal, in mm, in the slices' order. */
    public static double[] positionsAlongNormal(List<CtSlice> slices) {
        Vec3 normal = normal(slices);
        double[] along = new double[slices.size()];
        for (int i = 0; i < along.length; i++) {
            along[i] = slices.get(i).geometry().position().dot(normal);
        }
        return along;
    }

    private static Vec3 normal(List<CtSlice> slices) {
        return slices.get(0).geometry().normal().orElse(new Vec3(0, 0, 1));
    }

    public boolean variableSpacing() {
        return maxGapMm > EVEN * minGapMm;
    }

    public boolean tilted() {
        return tiltDegrees > STRAIGHT_DEGREES;
    }

    /** What is uneven about the stack, in words; empty for an even, straight one. */
    public List<String> caveats() {
        List<String> out = new ArrayList<>();
        if (variableSpacing()) {
            out.add(String.format(
                    Locale.ROOT, "variable slice spacing %.2f-%.2f mm (mean %.2f)", minGapMm, maxGapMm, meanGapMm));
        }
        if (tilted()) {
            out.add(String.format(Locale.ROOT, "gantry tilt %.1f°", tiltDegrees));
        }
        return out;
    }
}
