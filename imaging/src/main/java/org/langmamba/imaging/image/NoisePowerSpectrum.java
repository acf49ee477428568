package org.langmamba.imaging.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 2-D noise power spectrum of a region, and its radial average: how a physicist tells noise
 * that is only weaker (the same curve, lower) from noise that is also blotchier (the curve moves to
 * low frequencies), which an SD alone cannot.
 *
 * <p>The region is tiled with square sub-regions of {@code n} pixels a side, half-overlapping; each
 * has its mean and linear trend (a plane fitted by least squares) removed, so that slow shading is
 * not counted as noise (the price: the first ring above zero loses about a quarter of its power, as
 * the plane takes the noise's own slow part with it), and its discrete Fourier transform taken. With pixel sizes dx, dy in mm,
 * <pre>
 *   NPS(u, v) = dx dy / (n n) * mean over sub-regions of |DFT(u, v)|^2       [HU^2 mm^2]
 * </pre>
 * at u = k / (n dx) cycles/mm, so that the integral of NPS over the frequency plane is the variance
 * of the detrended pixels (Parseval; {@link #variance()}). The radial curve averages NPS over rings
 * of width 1 / (n dx) from 0 to the Nyquist frequency 1 / (2 dx) (IEC 62220-1 and AAPM TG-233 do
 * the same with more sub-regions; a physicist wanting their exact protocol exports the CSV).
 */
public final class NoisePowerSpectrum {
    /** One ring of the radial average: its centre frequency, the mean NPS there, and how many samples it holds. */
    public record RadialBin(double frequencyPerMm, double nps, int samples) {}

    private final int size;
    private final double[] spectrum; // n x n, zero frequency at [0, 0]
    private final double dx;
    private final double dy;
    private final int regions;

    private NoisePowerSpectrum(int size, double[] spectrum, double dx, double dy, int regions) {
        this.size = size;
        this.spectrum = spectrum;
        this.dx = dx;
        this.dy = dy;
        this.regions = regions;
    }

    /**
     * The spectrum of the pixels of {@code images} inside {@code roi} (the same region on every image,
     * e.g. consecutive slices, so that their sub-regions are averaged together), with sub-regions of
     * {@code n} pixels a side ({@code n} a power of two, at least 8).
     */
    public static NoisePowerSpectrum of(List<HuImage> images, Roi roi, PixelSpacing spacing, int n) {
        if (n < 8 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NPS sub-regions must be a power of two of at least 8 pixels, got " + n);
        }
        int x0 = (int) Math.ceil(roi.minX());
        int y0 = (int) Math.ceil(roi.minY());
        int x1 = (int) Math.floor(roi.maxX());
        int y1 = (int) Math.floor(roi.maxY());
        if (x1 - x0 < n || y1 - y0 < n) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the region (%d x %d pixels) is smaller than one %d x %d sub-region: draw a larger ROI or"
                            + " choose a smaller sub-region",
                    Math.max(0, x1 - x0),
                    Math.max(0, y1 - y0),
                    n,
                    n));
        }
        double[] sum = new double[n * n];
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        int regions = 0;
        int step = n / 2;
        for (HuImage image : images) {
            if (x1 > image.width() || y1 > image.height()) {
                throw new IllegalArgumentException(
                        "the region reaches past a " + image.width() + "x" + image.height() + " image");
            }
            for (int top = y0; top + n <= y1; top += step) {
                for (int left = x0; left + n <= x1; left += step) {
                    detrended(image, left, top, n, re);
                    Arrays.fill(im, 0);
                    Fft2.transform(re, im, n, n, false);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += re[i] * re[i] + im[i] * im[i];
                    }
                    regions++;
                }
            }
        }
        double dx = spacing.columnMm();
        double dy = spacing.rowMm();
        double scale = dx * dy / ((double) n * n * regions);
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
        return new NoisePowerSpectrum(n, sum, dx, dy, regions);
    }

    /** The sub-region at (left, top) minus its least-squares plane a + b x + c y, into {@code out}. */
    private static void detrended(HuImage image, int left, int top, int n, double[] out) {
        float[] hu = image.values();
        double mean = 0;
        double sx = 0;
        double sy = 0;
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double v = hu[(top + y) * image.width() + left + x];
                mean += v;
                sx += v * (x - c);
                sy += v * (y - c);
            }
        }
        mean /= (double) n * n;
        // Centred coordinates are orthogonal to 1 and to each other: each slope is its own projection.
        double norm = n * (n * ((double) n * n - 1) / 12.0);
        double bx = sx / norm;
        double by = sy / norm;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[y * n + x] = hu[(top + y) * image.width() + left + x] - mean - bx * (x - c) - by * (y - c);
            }
        }
    }

    /**
     * The spectrum of one image inside {@code roi} with the largest sub-region that fits at least
     * twice across its shorter side (64, 32 or 16 pixels), or empty when the ROI is under 32 pixels a
     * side: what the viewer shows for the ROI a user drew.
     */
    public static Optional<NoisePowerSpectrum> ofRoi(HuImage image, Roi roi, PixelSpacing spacing) {
        int shorter = (int) Math.floor(Math.min(
                Math.min(roi.maxX(), image.width()) - Math.max(0, Math.ceil(roi.minX())),
                Math.min(roi.maxY(), image.height()) - Math.max(0, Math.ceil(roi.minY()))));
        for (int n = 64; n >= 16; n /= 2) {
            if (shorter >= 2 * n) {
                Roi inside = Roi.Rectangle.between(
                        Math.max(0, roi.minX()),
                        Math.max(0, roi.minY()),
                        Math.min(image.width(), roi.maxX()),
                        Math.min(image.height(), roi.maxY()));
                return Optional.of(of(List.of(image), inside, spacing, n));
            }
        }
        return Optional.empty();
    }

    /** Radial curves side by side as CSV: frequency, then one column per named spectrum (same sub-region size). */
    public static String csv(List<String> names, List<NoisePowerSpectrum> spectra) {
        StringBuilder out = new StringBuilder("frequency_per_mm");
        for (String name : names) {
            out.append(",\"nps_hu2_mm2 ").append(name.replace("\"", "'")).append('"');
        }
        out.append('\n');
        List<List<RadialBin>> curves =
                spectra.stream().map(NoisePowerSpectrum::radial).toList();
        int rows = curves.stream().mapToInt(List::size).min().orElse(0);
        for (int b = 0; b < rows; b++) {
            out.append(String.format(Locale.ROOT, "%.4f", curves.get(0).get(b).frequencyPerMm()));
            for (List<RadialBin> curve : curves) {
                out.append(String.format(Locale.ROOT, ",%.4f", curve.get(b).nps()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The radial average from 0 to the Nyquist frequency, in rings of width 1 / (n dx). */
    public List<RadialBin> radial() {
        double du = 1.0 / (size * dx);
        double dv = 1.0 / (size * dy);
        int bins = size / 2 + 1;
        double[] total = new double[bins];
        int[] count = new int[bins];
        for (int ky = 0; ky < size; ky++) {
            double v = (ky <= size / 2 ? ky : ky - size) * dv;
            for (int kx = 0; kx < size; kx++) {
                double u = (kx <= size / 2 ? kx : kx - size) * du;
                int bin = (int) Math.round(Math.hypot(u, v) / du);
                if (bin < bins) {
                    total[bin] += spectrum[ky * size + kx];
                    count[bin]++;
                }
            }
        }
        ArrayList<RadialBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new RadialBin(b * du, total[b] / count[b], count[b]));
            }
        }
        return List.copyOf(out);
    }

    /** The frequency of the radial curve's highest ring, zero frequency left out (the detrending empties it). */
    public double peakFrequencyPerMm() {
        RadialBin best = null;
        for (RadialBin b : radial()) {
            if (b.frequencyPerMm() > 0 && (best == null || b.nps() > best.nps())) {
                best = b;
            }
        }
        return best == null ? Double.NaN : best.frequencyPerMm();
    }

    /** The mean frequency weighted by the radial NPS: where the noise power sits, one number. */
    public double meanFrequencyPerMm() {
        double weighted = 0;
        double total = 0;
        for (RadialBin b : radial()) {
            // a ring's weight is its NPS times its circumference
            double w = b.nps() * Math.max(b.frequencyPerMm(), 1e-12);
            weighted += w * b.frequencyPerMm();
            total += w;
        }
        return total == 0 ? Double.NaN : weighted / total;
    }

    /** The integral of the NPS over the frequency plane, in HU²: the variance of the detrended pixels. */
    public double variance() {
        double total = 0;
        for (double p : spectrum) {
            total += p;
        }
        return total / (size * dx * size * dy);
    }

    /** SD of the detrended pixels of all sub-regions, in HU: by Parseval, the square root of {@link #variance()}. */
    public double sd() {
        return Math.sqrt(variance());
    }

    /** How many sub-regions were averaged. */
    public int regions() {
        return regions;
    }

    public int subRegionSize() {
        return size;
    }

    /** The Nyquist frequency along x, 1 / (2 dx), in cycles per mm. */
    public double nyquistPerMm() {
        return 1 / (2 * dx);
    }
}
