package org.langmamba.training.metrics;

import java.util.Arrays;
import org.langmamba.imaging.image.Fft2;

/**
 * Phase congruency of a greyscale image, as FSIM computes it: Kovesi's phasecong2 with 4 scales,
 * 4 orientations, minimum wavelength 6, scale factor 2, sigmaOnf 0.55, angular spread
 * pi / 4 / 1.2, noise threshold k = 2 (divided by 1.7, as in Zhang's FSIM code), log-Gabor filters
 * under a Butterworth low-pass (cutoff 0.45, order 15). A port of the published MATLAB, step for
 * step, so the FSIM values are comparable with the literature's.
 */
final class PhaseCongruency {
    private static final int SCALES = 4;
    private static final int ORIENTATIONS = 4;
    private static final double MIN_WAVELENGTH = 6;
    private static final double MULT = 2;
    private static final double SIGMA_ON_F = 0.55;
    private static final double D_THETA_ON_SIGMA = 1.2;
    private static final double K = 2.0;
    private static final double EPSILON = 1e-4;

    private PhaseCongruency() {}

    static double[] of(double[] image, int rows, int cols) {
        int n = rows * cols;
        double[] imRe = image.clone();
        double[] imIm = new double[n];
        Fft2.transform(imRe, imIm, rows, cols, false);

        // Frequency coordinates, laid out as MATLAB's ifftshift(meshgrid(...)) leaves them.
        double[] radius = new double[n];
        double[] sinTheta = new double[n];
        double[] cosTheta = new double[n];
        double[] lowPass = new double[n];
        for (int r = 0; r < rows; r++) {
            double y = frequency(r, rows);
            for (int c = 0; c < cols; c++) {
                double x = frequency(c, cols);
                int i = r * cols + c;
                double rad = Math.sqrt(x * x + y * y);
                lowPass[i] = 1.0 / (1.0 + Math.pow(rad / 0.45, 2 * 15));
                radius[i] = i == 0 ? 1 : rad;
                double theta = Math.atan2(-y, x);
                sinTheta[i] = Math.sin(theta);
                cosTheta[i] = Math.cos(theta);
            }
        }
        double[][] logGabor = new double[SCALES][n];
        for (int s = 0; s < SCALES; s++) {
            double fo = 1.0 / (MIN_WAVELENGTH * Math.pow(MULT, s));
            double denominator = 2 * Math.log(SIGMA_ON_F) * Math.log(SIGMA_ON_F);
            for (int i = 0; i < n; i++) {
                double l = Math.log(radius[i] / fo);
                logGabor[s][i] = Math.exp(-(l * l) / denominator) * lowPass[i];
            }
            logGabor[s][0] = 0;
        }
        double thetaSigma = Math.PI / ORIENTATIONS / D_THETA_ON_SIGMA;

        double[] energyAll = new double[n];
        double[] amplitudeAll = new double[n];
        for (int o = 0; o < ORIENTATIONS; o++) {
            double angle = o * Math.PI / ORIENTATIONS;
            double[] spread = new double[n];
            for (int i = 0; i < n; i++) {
                double ds = sinTheta[i] * Math.cos(angle) - cosTheta[i] * Math.sin(angle);
                double dc = cosTheta[i] * Math.cos(angle) + sinTheta[i] * Math.sin(angle);
                double dTheta = Math.abs(Math.atan2(ds, dc));
                spread[i] = Math.exp(-(dTheta * dTheta) / (2 * thetaSigma * thetaSigma));
            }
            double[][] evenByScale = new double[SCALES][];
            double[][] oddByScale = new double[SCALES][];
            double[][] spatialFilter = new double[SCALES][];
            double[] sumE = new double[n];
            double[] sumO = new double[n];
            double[] sumAn = new double[n];
            double emN = 0;
            for (int s = 0; s < SCALES; s++) {
                double[] filter = new double[n];
                for (int i = 0; i < n; i++) {
                    filter[i] = logGabor[s][i] * spread[i];
                }
                if (s == 0) {
                    for (double f : filter) {
                        emN += f * f;
                    }
                }
                double[] fRe = filter.clone();
                double[] fIm = new double[n];
                Fft2.transform(fRe, fIm, rows, cols, true);
                double scale = Math.sqrt(n);
                for (int i = 0; i < n; i++) {
                    fRe[i] *= scale;
                }
                spatialFilter[s] = fRe;
                double[] eoRe = new double[n];
                double[] eoIm = new double[n];
                for (int i = 0; i < n; i++) {
                    eoRe[i] = imRe[i] * filter[i];
                    eoIm[i] = imIm[i] * filter[i];
                }
                Fft2.transform(eoRe, eoIm, rows, cols, true);
                evenByScale[s] = eoRe;
                oddByScale[s] = eoIm;
                for (int i = 0; i < n; i++) {
                    sumAn[i] += Math.hypot(eoRe[i], eoIm[i]);
                    sumE[i] += eoRe[i];
                    sumO[i] += eoIm[i];
                }
            }
            double[] energy = new double[n];
            for (int i = 0; i < n; i++) {
                double xEnergy = Math.sqrt(sumE[i] * sumE[i] + sumO[i] * sumO[i]) + EPSILON;
                double meanE = sumE[i] / xEnergy;
                double meanO = sumO[i] / xEnergy;
                for (int s = 0; s < SCALES; s++) {
                    double e = evenByScale[s][i];
                    double od = oddByScale[s][i];
                    energy[i] += e * meanE + od * meanO - Math.abs(e * meanO - od * meanE);
                }
            }
            // Noise estimate from the smallest scale's response (median of |EO|^2, Rayleigh).
            double[] e2 = new double[n];
            for (int i = 0; i < n; i++) {
                e2[i] = evenByScale[0][i] * evenByScale[0][i] + oddByScale[0][i] * oddByScale[0][i];
            }
            double meanE2n = -median(e2) / Math.log(0.5);
            double noisePower = meanE2n / emN;
            double sumEstSumAn2 = 0;
            double sumEstSumAiAj = 0;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < SCALES; s++) {
                    sumEstSumAn2 += spatialFilter[s][i] * spatialFilter[s][i];
                    for (int t = s + 1; t < SCALES; t++) {
                        sumEstSumAiAj += spatialFilter[s][i] * spatialFilter[t][i];
                    }
                }
            }
            double estNoiseEnergy2 = 2 * noisePower * sumEstSumAn2 + 4 * noisePower * sumEstSumAiAj;
            double tau = Math.sqrt(estNoiseEnergy2 / 2);
            double estNoiseEnergy = tau * Math.sqrt(Math.PI / 2);
            double estNoiseEnergySigma = Math.sqrt((2 - Math.PI / 2) * tau * tau);
            double threshold = (estNoiseEnergy + K * estNoiseEnergySigma) / 1.7;
            for (int i = 0; i < n; i++) {
                energyAll[i] += Math.max(energy[i] - threshold, 0);
                amplitudeAll[i] += sumAn[i];
            }
        }
        double[] pc = new double[n];
        for (int i = 0; i < n; i++) {
            pc[i] = energyAll[i] / amplitudeAll[i];
        }
        return pc;
    }

    /** MATLAB's xrange/yrange after ifftshift: index k of an n-point axis. */
    private static double frequency(int k, int n) {
        int shifted = (k + n / 2) % n; // undo ifftshift: position in the centred range
        if (n % 2 == 1) {
            int index = (k + (n - 1) / 2) % n;
            return (index - (n - 1) / 2.0) / (n - 1);
        }
        return (shifted - n / 2.0) / n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
