package org.langmamba.imaging.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.PixelSpacing;

/**
 * Coronal and sagittal reformats of an axial series, voxel for voxel: a coronal plane is one row of
 * every axial slice, a sagittal plane one column, stacked with the most superior slice on top (as
 * every viewer shows them). Nothing is interpolated, so an ROI in a reformat measures the very
 * voxels of the axial files; the rows of a reformat are the axial slices, their height on screen the
 * mean slice spacing ({@link PixelSpacing#rowMm()}), which the pane draws to scale.
 *
 * <p>A gantry tilt or a variable slice spacing is not corrected: the reformat's description says so
 * ({@link Plane#caveats()}), so nobody measures a tilted head as if it were straight.
 */
public final class Reformats {
    private Reformats() {}

    /** Which reformat; its slices run along the axial columns (coronal: planes by row) or rows. */
    public enum Orientation {
        CORONAL,
        SAGITTAL
    }

    /** A reformat and what a reader must know about it. */
    public record Plane(CtSeries series, List<String> caveats, boolean superiorFirst) {}

    /** Why {@code axial} cannot be reformatted, if it cannot (too few slices, not axial). */
    public static Optional<String> problem(CtSeries axial) {
        if (axial.size() < 3) {
            return Optional.of(axial.title() + " has " + axial.size() + " slice(s); a reformat needs at least 3");
        }
        Optional<Vec3> normal = axial.slice(0).geometry().normal();
        if (normal.isEmpty() || Math.abs(normal.get().z()) < 0.5) {
            return Optional.of(axial.title() + " is not axial (its slices face "
                    + normal.map(n -> String.format(Locale.ROOT, "(%.2f, %.2f, %.2f)", n.x(), n.y(), n.z()))
                            .orElse("no stated direction")
                    + "): only axial series are reformatted");
        }
        return Optional.empty();
    }

    public static Plane of(CtSeries axial, Orientation orientation) {
        problem(axial).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        List<CtSlice> slices = axial.slices();
        int n = slices.size();
        boolean superiorFirst = slices.get(0).geometry().position().z()
                > slices.get(n - 1).geometry().position().z();
        double[] gaps = gaps(slices);
        double meanGap = 0;
        double minGap = Double.POSITIVE_INFINITY;
        double maxGap = 0;
        for (double g : gaps) {
            meanGap += g / gaps.length;
            minGap = Math.min(minGap, g);
            maxGap = Math.max(maxGap, g);
        }
        List<String> caveats = new ArrayList<>();
        if (maxGap > 1.05 * minGap) {
            caveats.add(String.format(
                    Locale.ROOT,
                    "variable slice spacing %.2f-%.2f mm: rows drawn %.2f mm apart",
                    minGap,
                    maxGap,
                    meanGap));
        }
        double tilt = tiltDegrees(slices);
        if (tilt > 0.5) {
            caveats.add(String.format(Locale.ROOT, "gantry tilt %.1f°, not corrected", tilt));
        }
        SliceGeometry g0 = slices.get(0).geometry();
        int width = axial.width();
        int height = axial.height();
        int planes = orientation == Orientation.CORONAL ? height : width;
        int planeWidth = orientation == Orientation.CORONAL ? width : height;
        double inPlaneMm = orientation == Orientation.CORONAL
                ? g0.spacing().columnMm()
                : g0.spacing().rowMm();
        double stepMm = orientation == Orientation.CORONAL
                ? g0.spacing().rowMm()
                : g0.spacing().columnMm();
        Vec3 along = orientation == Orientation.CORONAL ? g0.rowDirection() : g0.columnDirection();
        Vec3 across = orientation == Orientation.CORONAL ? g0.columnDirection() : g0.rowDirection();
        CtSlice top = slices.get(superiorFirst ? 0 : n - 1);
        Vec3 down = new Vec3(0, 0, -1);
        List<CtSlice> out = new ArrayList<>(planes);
        for (int p = 0; p < planes; p++) {
            float[] hu = new float[planeWidth * n];
            for (int r = 0; r < n; r++) {
                HuImage image = slices.get(superiorFirst ? r : n - 1 - r).image();
                for (int i = 0; i < planeWidth; i++) {
                    hu[r * planeWidth + i] = orientation == Orientation.CORONAL ? image.hu(i, p) : image.hu(p, i);
                }
            }
            Vec3 origin = top.geometry().position();
            Vec3 position = new Vec3(
                    origin.x() + across.x() * p * stepMm,
                    origin.y() + across.y() * p * stepMm,
                    origin.z() + across.z() * p * stepMm);
            SliceGeometry geometry = new SliceGeometry(
                    position, along, down, new PixelSpacing(meanGap, inPlaneMm), g0.spacingStated(), stepMm);
            SliceSource source = new SliceSource(
                    top.source().file(),
                    top.source().frame(),
                    "",
                    axial.seriesInstanceUid() + "." + (orientation == Orientation.CORONAL ? 1 : 2) + "." + (p + 1),
                    p + 1);
            out.add(new CtSlice(new HuImage(planeWidth, n, hu), geometry, source, top.storedWindow()));
        }
        String name = orientation == Orientation.CORONAL ? "Coronal" : "Sagittal";
        CtSeries series = new CtSeries(
                axial.seriesInstanceUid() + "." + (orientation == Orientation.CORONAL ? 1 : 2),
                axial.seriesNumber(),
                name + " of " + axial.title() + (caveats.isEmpty() ? "" : " (" + String.join("; ", caveats) + ")"),
                axial.modality(),
                axial.frameOfReferenceUid(),
                "REFORMAT " + name.toUpperCase(Locale.ROOT)
                        + (axial.derivation().isEmpty() ? "" : " of " + axial.derivation()),
                axial.kernel(),
                out,
                SliceOrdering.POSITION);
        return new Plane(series, List.copyOf(caveats), superiorFirst);
    }

    /** The row of a reformat that holds axial slice {@code index} of {@code axial}. */
    public static int rowOf(Plane plane, int index, int slices) {
        return plane.superiorFirst() ? index : slices - 1 - index;
    }

    /** Distances between neighbouring slice positions along the first slice's normal, in mm. */
    private static double[] gaps(List<CtSlice> slices) {
        Vec3 normal = slices.get(0).geometry().normal().orElse(new Vec3(0, 0, 1));
        double[] gaps = new double[slices.size() - 1];
        for (int i = 1; i < slices.size(); i++) {
            gaps[i - 1] = Math.abs(slices.get(i).geometry().position().dot(normal)
                    - slices.get(i - 1).geometry().position().dot(normal));
        }
        return gaps;
    }

    /**
     * How far the stack leans: the angle between the line through the first and last slice positions
     * and the slices' normal (0 for a straight stack; a gantry tilt shears it, whether the scanner
     * wrote the tilt into the orientation or only into GantryDetectorTilt).
     */
    private static double tiltDegrees(List<CtSlice> slices) {
        Vec3 normal = slices.get(0).geometry().normal().orElse(new Vec3(0, 0, 1));
        Vec3 a = slices.get(0).geometry().position();
        Vec3 b = slices.get(slices.size() - 1).geometry().position();
        Vec3 d = new Vec3(b.x() - a.x(), b.y() - a.y(), b.z() - a.z());
        double length = d.length();
        if (length == 0) {
            return 0;
        }
        double cos = Math.min(1, Math.abs(d.dot(normal)) / length);
        return Math.toDegrees(Math.acos(cos));
    }
}
