package org.langmamba.imaging.image;

/** Pixel arithmetic between slices of the same size. */
public final class HuImages {
    private HuImages() {}

    /** {@code a - b}, pixel by pixel: denoised − original is the noise the model removed (and any structure it lost). */
    public static HuImage difference(HuImage a, HuImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("cannot subtract a " + b.width() + "x" + b.height() + " slice from a "
                    + a.width() + "x" + a.height() + " one");
        }
        float[] x = a.values();
        float[] y = b.values();
        float[] d = new float[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return new HuImage(a.width(), a.height(), d);
    }
}
