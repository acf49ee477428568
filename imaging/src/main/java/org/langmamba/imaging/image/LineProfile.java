package org.langmamba.imaging.image;

/**
 * HU sampled along a straight line, one sample per pixel step, with bilinear interpolation
 * between pixel centres. Distances are in mm so profiles from two panes line up.
 */
public record LineProfile(double[] distanceMm, double[] hu, double lengthMm) {

    /**
     * Profile from (x0, y0) to (x1, y1) in image coordinates; each sample's distance is measured from
     * the start by {@code distance} (uneven rows of a reformat: not a fixed fraction of the length).
     */
    public static LineProfile along(HuImage image, double x0, double y0, double x1, double y1, PlaneDistance distance) {
        double lengthPx = Math.hypot(x1 - x0, y1 - y0);
        int samples = Math.max(2, (int) Math.ceil(lengthPx) + 1);
        double[] distances = new double[samples];
        double[] values = new double[samples];
        double lengthMm = distance.mm(x0, y0, x1, y1);
        for (int i = 0; i < samples; i++) {
            double t = i / (double) (samples - 1);
            double x = x0 + t * (x1 - x0);
            double y = y0 + t * (y1 - y0);
            distances[i] = distance.mm(x0, y0, x, y);
            values[i] = sample(image, x, y);
        }
        return new LineProfile(distances, values, lengthMm);
    }

    /** Bilinear HU at a point in image coordinates; pixel centres are at (c + 0.5, r + 0.5). */
    public static double sample(HuImage image, double x, double y) {
        double fx = clamp(x - 0.5, image.width() - 1);
        double fy = clamp(y - 0.5, image.height() - 1);
        int cx = (int) Math.floor(fx);
        int cy = (int) Math.floor(fy);
        int nx = Math.min(cx + 1, image.width() - 1);
        int ny = Math.min(cy + 1, image.height() - 1);
        double ax = fx - cx;
        double ay = fy - cy;
        double top = image.hu(cx, cy) * (1 - ax) + image.hu(nx, cy) * ax;
        double bottom = image.hu(cx, ny) * (1 - ax) + image.hu(nx, ny) * ax;
        return top * (1 - ay) + bottom * ay;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    public int size() {
        return hu.length;
    }
}
