package org.langmamba.imaging.image;

/**
 * 2-D discrete Fourier transform of any size, for phase congruency (FSIM) and noise power
 * spectra: radix-2 FFT ({@link Fft}) along lines of power-of-two length, a direct DFT otherwise
 * (FSIM's images are at most 256 a side after its own downsampling, so the direct transform stays
 * cheap). Inverse scaled by 1/(rows*cols).
 */
public final class Fft2 {
    private Fft2() {}

    public static void transform(double[] re, double[] im, int rows, int cols, boolean inverse) {
        double[] lineRe = new double[cols];
        double[] lineIm = new double[cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(re, r * cols, lineRe, 0, cols);
            System.arraycopy(im, r * cols, lineIm, 0, cols);
            transform1d(lineRe, lineIm, inverse);
            System.arraycopy(lineRe, 0, re, r * cols, cols);
            System.arraycopy(lineIm, 0, im, r * cols, cols);
        }
        lineRe = new double[rows];
        lineIm = new double[rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                lineRe[r] = re[r * cols + c];
                lineIm[r] = im[r * cols + c];
            }
            transform1d(lineRe, lineIm, inverse);
            for (int r = 0; r < rows; r++) {
                re[r * cols + c] = lineRe[r];
                im[r * cols + c] = lineIm[r];
            }
        }
    }

    static void transform1d(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (Fft.isPowerOfTwo(n)) {
            Fft.transform(re, im, inverse);
            return;
        }
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                double angle = sign * 2 * Math.PI * ((long) k * t % n) / n;
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                sr += re[t] * cos - im[t] * sin;
                si += re[t] * sin + im[t] * cos;
            }
            outRe[k] = inverse ? sr / n : sr;
            outIm[k] = inverse ? si / n : si;
        }
        System.arraycopy(outRe, 0, re, 0, n);
        System.arraycopy(outIm, 0, im, 0, n);
    }
}
