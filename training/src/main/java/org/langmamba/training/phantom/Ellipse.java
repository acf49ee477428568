package org.langmamba.training.phantom;

/**
 * One ellipse of an analytic phantom, in normalised coordinates: the reconstruction circle is the
 * unit disc, x to the right, y up. {@code deltaHu} is added inside (phantoms are sums of ellipses,
 * which makes their projections analytic). Angle in degrees, counter-clockwise.
 */
public record Ellipse(double cx, double cy, double a, double b, double angleDeg, double deltaHu) {

    boolean contains(double x, double y) {
        double t = Math.toRadians(angleDeg);
        double dx = x - cx;
        double dy = y - cy;
        double u = dx * Math.cos(t) + dy * Math.sin(t);
        double v = -dx * Math.sin(t) + dy * Math.cos(t);
        return (u * u) / (a * a) + (v * v) / (b * b) <= 1.0;
    }

    /**
     * Chord length (in normalised units) of the line x cos(theta) + y sin(theta) = s through this
     * ellipse: 2 a b sqrt(a2 - s'^2) / a2 with a2 = a^2 cos^2(theta') + b^2 sin^2(theta'),
     * s' = s - (cx cos theta + cy sin theta), theta' = theta - angle (Kak and Slaney, eq. 3.4-3.6).
     */
    double chord(double theta, double s) {
        double tPrime = theta - Math.toRadians(angleDeg);
        double sPrime = s - (cx * Math.cos(theta) + cy * Math.sin(theta));
        double a2 = a * a * Math.cos(tPrime) * Math.cos(tPrime) + b * b * Math.sin(tPrime) * Math.sin(tPrime);
        double inside = a2 - sPrime * sPrime;
        return inside <= 0 ? 0.0 : 2 * a * b * Math.sqrt(inside) / a2;
    }
}
