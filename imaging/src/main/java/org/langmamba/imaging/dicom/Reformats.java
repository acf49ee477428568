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
    public record Plane(CtSeries series, List<String> caveats, boolean superiorFirst) {
        /** The row of this reformat that holds axial slice {@code index}; the same formula maps a row back to its slice. */
        public int rowOf(int index) {
            int slices = series.height();
            return superiorFirst ? index : slices - 1 - index;
        }
    }

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
        StackGeometry stack = axial.stackGeometry();
        double meanGap = stack.meanGapMm(); // a reformat's rows: the slices, drawn at their mean spacing
        List<String> caveats =
                stack.caveats().stream().map(c -> c + ", not corrected").toList();
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
        String uid = axial.seriesInstanceUid() + "." + (orientation == Orientation.CORONAL ? 1 : 2);
        // Each row at its own slice's position along the stack (uneven gaps are measured as they are).
        double[] depth = StackGeometry.positionsAlongNormal(slices);
        double[] rowPositionsMm = new double[n];
        for (int r = 0; r < n; r++) {
            int slice = superiorFirst ? r : n - 1 - r;
            rowPositionsMm[r] = Math.abs(depth[slice] - depth[superiorFirst ? 0 : n - 1]);
        }
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
                    position,
                    along,
                    down,
                    new PixelSpacing(meanGap, inPlaneMm),
                    g0.spacingStated(),
                    stepMm,
                    rowPositionsMm);
            SliceSource source =
                    new SliceSource(top.source().file(), top.source().frame(), "", uid + "." + (p + 1), p + 1);
            out.add(new CtSlice(new HuImage(planeWidth, n, hu), geometry, source, top.storedWindow()));
        }
        String name = orientation == Orientation.CORONAL ? "Coronal" : "Sagittal";
        CtSeries series = new CtSeries(
                uid,
                axial.seriesNumber(),
                name + " of " + axial.title() + (caveats.isEmpty() ? "" : " (" + String.join("; ", caveats) + ")"),
                axial.modality(),
                axial.frameOfReferenceUid(),
                "REFORMAT " + name.toUpperCase(Locale.ROOT)
                        + (axial.derivation().isEmpty() ? "" : " of " + axial.derivation()),
                axial.kernel(),
                axial.bodyPart(),
                out,
                SliceOrdering.POSITION);
        return new Plane(series, caveats, superiorFirst);
    }
}
