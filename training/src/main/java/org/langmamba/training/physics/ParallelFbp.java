package org.langmamba.training.physics;

import java.util.stream.IntStream;
import org.langmamba.imaging.image.Fft;

/**
 * Filtered back-projection of parallel-beam projections (Kak and Slaney, ch. 3, eq. 61):
 * each projection is convolved with the band-limited ramp h (h(0) = 1/(4 tau^2), h(n odd) =
 * -1/(n pi tau)^2, 0 otherwise), which avoids the DC error of sampling |w| directly, then windowed
 * in frequency; the image is (pi / M) times the sum over views of the filtered projection at
 * t = x cos(theta) + y sin(theta), linearly interpolated.
 */
public final class ParallelFbp {
    private final Apodization apodization;

    public ParallelFbp(Apodization apodization) {
        this.apodization = apodization;
    }

    /** Reconstructs an n x n image of pixel size {@code pixelMm}, centred on the rotation axis. */
    public float[] reconstruct(ParallelSinogram sinogram, int n, double pixelMm) {
        double[][] filtered = filter(sinogram);
        int views = sinogram.views();
        double[] cos = new double[views];
        double[] sin = new double[views];
        for (int m = 0; m < views; m++) {
            cos[m] = Math.cos(sinogram.theta(m));
            sin[m] = Math.sin(sinogram.theta(m));
        }
        double tau = sinogram.spacingMm();
        double centreBin = (sinogram.bins() - 1) / 2.0;
        double half = (n - 1) / 2.0;
        double scale = Math.PI / views;
        float[] image = new float[n * n];
        IntStream.range(0, n).parallel().forEach(row -> {
            double y = (half - row) * pixelMm;
            for (int col = 0; col < n; col++) {
                double x = (col - half) * pixelMm;
                double sum = 0;
                for (int m = 0; m < views; m++) {
                    double bin = (x * cos[m] + y * sin[m]) / tau + centreBin;
                    int b0 = (int) Math.floor(bin);
                    if (b0 < 0 || b0 + 1 >= filtered[m].length) {
                        continue;
                    }
                    double f = bin - b0;
                    sum += filtered[m][b0] * (1 - f) + filtered[m][b0 + 1] * f;
                }
                image[row * n + col] = (float) (sum * scale);
            }
        });
        return image;
    }

    /** Ramp-filtered projections, convolution done by FFT on a zero-padded length. */
    double[][] filter(ParallelSinogram sinogram) {
        int bins = sinogram.bins();
        int size = Fft.nextPowerOfTwo(2 * bins);
        double tau = sinogram.spacingMm();
        double[] kernelRe = new double[size];
        double[] kernelIm = new double[size];
        for (int i = 0; i < size; i++) {
            int k = i <= size / 2 ? i : i - size; // circular index: negative lags at the end
            kernelRe[i] = k == 0
                    ? 1.0 / (4 * tau * tau)
                    : (k % 2 == 0 ? 0.0 : -1.0 / (Math.PI * Math.PI * k * k * tau * tau));
        }
        Fft.transform(kernelRe, kernelIm, false);
        for (int i = 0; i < size; i++) {
            double relative = (i <= size / 2 ? i : size - i) / (size / 2.0);
            double w = apodization.weight(relative) * tau; // tau: the convolution sum approximates an integral
            kernelRe[i] *= w;
            kernelIm[i] *= w;
        }
        double[][] out = new double[sinogram.views()][];
        IntStream.range(0, sinogram.views()).parallel().forEach(m -> {
            double[] re = new double[size];
            double[] im = new double[size];
            float[] p = sinogram.values()[m];
            for (int i = 0; i < bins; i++) {
                re[i] = p[i];
            }
            Fft.transform(re, im, false);
            for (int i = 0; i < size; i++) {
                double r = re[i] * kernelRe[i] - im[i] * kernelIm[i];
                im[i] = re[i] * kernelIm[i] + im[i] * kernelRe[i];
                re[i] = r;
            }
            Fft.transform(re, im, true);
            double[] q = new double[bins];
            System.arraycopy(re, 0, q, 0, bins);
            out[m] = q;
        });
        return out;
    }
}
