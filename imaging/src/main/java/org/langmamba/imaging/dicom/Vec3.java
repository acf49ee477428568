package org.langmamba.imaging.dicom;

/** A vector in the DICOM patient coordinate system (LPS, mm). */
public record Vec3(double x, double y, double z) {
    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    static Vec3 of(double[] v, int offset) {
        return new Vec3(v[offset], v[offset + 1], v[offset + 2]);
    }
}
