package org.langmamba.imaging.image;

/** An in-place radix-2 fast Fourier transform, for the noise power spectrum's small square regions. */
final class Fourier {
    private Fourier() {}

    /** The 2-D DFT of the n x n complex array (re, im), row-major, n a power of two: rows, then columns. */
    static void transform2d(double[] re, double[] im, int n) {
        double[] rowRe = new double[n];
        double[] rowIm = new double[n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(re, y * n, rowRe, 0, n);
            System.arraycopy(im, y * n, rowIm, 0, n);
            transform(rowRe, rowIm);
            System.arraycopy(rowRe, 0, re, y * n, n);
            System.arraycopy(rowIm, 0, im, y * n, n);
        }
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                rowRe[y] = re[y * n + x];
                rowIm[y] = im[y * n + x];
            }
            transform(rowRe, rowIm);
            for (int y = 0; y < n; y++) {
                re[y * n + x] = rowRe[y];
                im[y * n + x] = rowIm[y];
            }
        }
    }

    /** X(k) = sum_j x(j) exp(-2 pi i j k / n), in place (iterative Cooley-Tukey, bit-reversed input order). */
    static void transform(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = -2 * Math.PI / length;
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int start = 0; start < n; start += length) {
                double uRe = 1;
                double uIm = 0;
                for (int k = 0; k < length / 2; k++) {
                    int a = start + k;
                    int b = a + length / 2;
                    double tRe = re[b] * uRe - im[b] * uIm;
                    double tIm = re[b] * uIm + im[b] * uRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                    double next = uRe * wRe - uIm * wIm;
                    uIm = uRe * wIm + uIm * wRe;
                    uRe = next;
                }
            }
        }
    }
}
