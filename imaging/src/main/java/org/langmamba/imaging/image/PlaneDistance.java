package org.langmamba.imaging.image;

/**
 * Distance in mm between two points of a slice, in image coordinates (columns, rows). Uniform pixel
 * spacing is the usual case ({@link PixelSpacing}); a reformat of a stack with uneven slice gaps has
 * rows at their own positions, so a vertical distance there is not rows times one spacing.
 */
@FunctionalInterface
public interface PlaneDistance {
    double mm(double x0, double y0, double x1, double y1);
}
