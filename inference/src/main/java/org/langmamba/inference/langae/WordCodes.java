package org.langmamba.inference.langae;

/**
 * Each word's code for {@link WordSpace#FACTORIZED}: its unit direction, centred on the table's mean
 * direction, projected on the table's first principal axes and put back on the unit sphere. Fixed by
 * the table (no randomness, nothing learnt), so a word's code is the same in every model.
 */
final class WordCodes {
    private static final int ITERATIONS = 300;

    private WordCodes() {}

    /** Codes [K x dimensions], row-major, from a table [K x E], row-major. */
    static float[] of(float[] table, int words, int embedding, int dimensions) {
        double[][] unit = new double[words][embedding];
        double[] mean = new double[embedding];
        for (int k = 0; k < words; k++) {
            double norm = 0;
            for (int e = 0; e < embedding; e++) {
                norm += (double) table[k * embedding + e] * table[k * embedding + e];
            }
            norm = Math.sqrt(norm) + 1e-12;
            for (int e = 0; e < embedding; e++) {
                unit[k][e] = table[k * embedding + e] / norm;
                mean[e] += unit[k][e] / words;
            }
        }
        double[][] covariance = new double[embedding][embedding];
        for (double[] row : unit) {
            for (int i = 0; i < embedding; i++) {
                row[i] -= mean[i];
            }
            for (int i = 0; i < embedding; i++) {
                for (int j = 0; j < embedding; j++) {
                    covariance[i][j] += row[i] * row[j];
                }
            }
        }
        double[][] axes = principalAxes(covariance, dimensions);
        float[] codes = new float[words * dimensions];
        for (int k = 0; k < words; k++) {
            double norm = 0;
            double[] projected = new double[dimensions];
            for (int d = 0; d < dimensions; d++) {
                for (int e = 0; e < embedding; e++) {
                    projected[d] += unit[k][e] * axes[d][e];
                }
                norm += projected[d] * projected[d];
            }
            norm = Math.sqrt(norm) + 1e-12;
            for (int d = 0; d < dimensions; d++) {
                codes[k * dimensions + d] = (float) (projected[d] / norm);
            }
        }
        return codes;
    }

    /** The leading eigenvectors of a symmetric matrix, by power iteration with deflation. */
    static double[][] principalAxes(double[][] matrix, int count) {
        int n = matrix.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = matrix[i].clone();
        }
        double[][] axes = new double[count][];
        for (int c = 0; c < count; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = 1.0 / Math.sqrt(n) * (1 + 0.01 * i); // a fixed start, not orthogonal to any axis
            }
            double eigenvalue = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        next[i] += m[i][j] * v[j];
                    }
                }
                double norm = 0;
                for (double x : next) {
                    norm += x * x;
                }
                eigenvalue = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    v[i] = next[i] / (eigenvalue + 1e-300);
                }
            }
            axes[c] = v;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] -= eigenvalue * v[i] * v[j];
                }
            }
        }
        return axes;
    }
}
