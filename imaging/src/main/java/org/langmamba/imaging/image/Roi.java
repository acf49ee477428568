package org.langmamba.imaging.image;

/**
 * A region of interest in image coordinates: x to the right in columns, y down in rows, where
 * pixel (c, r) covers [c, c+1) x [r, r+1). A pixel belongs to the ROI when its centre does, the
 * rule most viewers use, so a ROI's pixel count does not depend on sub-pixel jitter of its edges.
 */
public sealed interface Roi permits Roi.Rectangle, Roi.Ellipse {

    /** Whether the point (x, y) in image coordinates lies inside. */
    boolean contains(double x, double y);

    double minX();

    double minY();

    double maxX();

    double maxY();

    /** Axis-aligned rectangle between two corners given in any order. */
    record Rectangle(double minX, double minY, double maxX, double maxY) implements Roi {
        public Rectangle {
            if (minX > maxX || minY > maxY) {
                throw new IllegalArgumentException("rectangle corners out of order");
            }
        }

        public static Rectangle between(double x0, double y0, double x1, double y1) {
            return new Rectangle(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        }

        @Override
        public boolean contains(double x, double y) {
            return x >= minX && x < maxX && y >= minY && y < maxY;
        }
    }

    /** Axis-aligned ellipse inscribed in the rectangle between two corners. */
    record Ellipse(double minX, double minY, double maxX, double maxY) implements Roi {
        public Ellipse {
            if (minX > maxX || minY > maxY) {
                throw new IllegalArgumentException("ellipse bounds out of order");
            }
        }

        public static Ellipse between(double x0, double y0, double x1, double y1) {
            return new Ellipse(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        }

        @Override
        public boolean contains(double x, double y) {
            double rx = (maxX - minX) / 2.0;
            double ry = (maxY - minY) / 2.0;
            if (rx <= 0 || ry <= 0) {
                return false;
            }
            double dx = (x - (minX + rx)) / rx;
            double dy = (y - (minY + ry)) / ry;
            return dx * dx + dy * dy <= 1.0;
        }
    }
}
