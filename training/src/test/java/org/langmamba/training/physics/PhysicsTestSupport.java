package org.langmamba.training.physics;

import org.langmamba.imaging.image.HuImage;

/** Small measurements the physics tests share. */
final class PhysicsTestSupport {
    private PhysicsTestSupport() {}

    /** Mean and SD of a centred square ROI of edge {@code size} pixels, offset (dx, dy) from the centre. */
    static double[] roi(float[] image, int n, int size, int dx, int dy) {
        int c0 = n / 2 - size / 2 + dx;
        int r0 = n / 2 - size / 2 + dy;
        double sum = 0;
        double sum2 = 0;
        int count = 0;
        for (int r = r0; r < r0 + size; r++) {
            for (int c = c0; c < c0 + size; c++) {
                double v = image[r * n + c];
                sum += v;
                sum2 += v * v;
                count++;
            }
        }
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(Math.max(0, sum2 / count - mean * mean) * count / (count - 1))};
    }

    static float[] difference(HuImage a, HuImage b) {
        float[] first = a.toArray();
        float[] second = b.toArray();
        float[] d = new float[first.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = first[i] - second[i];
        }
        return d;
    }

    /** Pixels whose 5x5 neighbourhood in {@code truth} is flat (no edge within 2 pixels). */
    static boolean[] flatRegions(HuImage truth) {
        int n = truth.width();
        boolean[] flat = new boolean[n * n];
        for (int r = 2; r < n - 2; r++) {
            for (int c = 2; c < n - 2; c++) {
                float lo = Float.MAX_VALUE;
                float hi = -Float.MAX_VALUE;
                for (int dr = -2; dr <= 2; dr++) {
                    for (int dc = -2; dc <= 2; dc++) {
                        float v = truth.hu(c + dc, r + dr);
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                double radius = Math.hypot(c - (n - 1) / 2.0, r - (n - 1) / 2.0);
                flat[r * n + c] = hi - lo < 0.5f && radius < n / 2.0 - 3;
            }
        }
        return flat;
    }
}
