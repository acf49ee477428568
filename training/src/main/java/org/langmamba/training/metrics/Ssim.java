package org.langmamba.training.metrics;

import org.langmamba.imaging.image.Window;

/**
 * Structural similarity (Wang et al., IEEE TIP 13, 2004) in a HU window: Gaussian weights of
 * sigma 1.5 on an 11x11 window, K1 = 0.01, K2 = 0.03, L = window width, population covariances.
 * The SSIM map is averaged over the pixels whose window lies inside the image (a 5-pixel border is
 * left out), which is what scikit-image's structural_similarity does with gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False; the test checks the two agree.
 */
public final class Ssim {
    static final double SIGMA = 1.5;
    static final int RADIUS = 5; // int(3.5 * sigma + 0.5): scikit-image's truncate = 3.5
    static final double K1 = 0.01;
    static final double K2 = 0.03;

    private Ssim() {}

    public static double of(float[] reference, float[] test, int width, int height, Window window) {
        Psnr.requireSameSize(reference, test);
        if (width <= 2 * RADIUS || height <= 2 * RADIUS) {
            throw new IllegalArgumentException("SSIM needs images larger than " + (2 * RADIUS + 1) + " pixels a side");
        }
        double[] x = window.clipToRange(reference);
        double[] y = window.clipToRange(test);
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        double[] xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] kernel = gaussianKernel();
        double[] ux = blur(x, width, height, kernel);
        double[] uy = blur(y, width, height, kernel);
        double[] uxx = blur(xx, width, height, kernel);
        double[] uyy = blur(yy, width, height, kernel);
        double[] uxy = blur(xy, width, height, kernel);
        double c1 = (K1 * window.width()) * (K1 * window.width());
        double c2 = (K2 * window.width()) * (K2 * window.width());
        double sum = 0;
        int count = 0;
        for (int r = RADIUS; r < height - RADIUS; r++) {
            for (int c = RADIUS; c < width - RADIUS; c++) {
                int i = r * width + c;
                double vx = uxx[i] - ux[i] * ux[i];
                double vy = uyy[i] - uy[i] * uy[i];
                double vxy = uxy[i] - ux[i] * uy[i];
                sum += ((2 * ux[i] * uy[i] + c1) * (2 * vxy + c2))
                        / ((ux[i] * ux[i] + uy[i] * uy[i] + c1) * (vx + vy + c2));
                count++;
            }
        }
        return sum / count;
    }

    static double[] gaussianKernel() {
        double[] k = new double[2 * RADIUS + 1];
        double total = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            total += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        return k;
    }

    /** Separable filtering; edges replicate (only the cropped border ever reads them). */
    private static double[] blur(double[] image, int width, int height, double[] k) {
        double[] tmp = new double[image.length];
        double[] out = new double[image.length];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    int cc = Math.max(0, Math.min(width - 1, c + d));
                    s += k[d + RADIUS] * image[r * width + cc];
                }
                tmp[r * width + c] = s;
            }
        }
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    int rr = Math.max(0, Math.min(height - 1, r + d));
                    s += k[d + RADIUS] * tmp[rr * width + c];
                }
                out[r * width + c] = s;
            }
        }
        return out;
    }
}
