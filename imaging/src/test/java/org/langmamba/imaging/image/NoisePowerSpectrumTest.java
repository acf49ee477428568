package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoisePowerSpectrumTest {
    private static final int SIZE = 256;
    private static final PixelSpacing SPACING = new PixelSpacing(0.5, 0.5);
    private static final Roi WHOLE = Roi.Rectangle.between(0, 0, SIZE, SIZE);

    private static double[] whiteNoise(double sd, long seed) {
        Random random = new Random(seed);
        double[] noise = new double[SIZE * SIZE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = sd * random.nextGaussian();
        }
        return noise;
    }

    /** Noise around 40 HU, convolved (wrapping round the edges) with {@code kernel}[dy + 1][dx + 1]. */
    private static HuImage filtered(double[] noise, double[][] kernel) {
        float[] hu = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double v = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        v += kernel[dy + 1][dx + 1]
                                * noise[Math.floorMod(y + dy, SIZE) * SIZE + Math.floorMod(x + dx, SIZE)];
                    }
                }
                hu[y * SIZE + x] = (float) (40 + v);
            }
        }
        return new HuImage(SIZE, SIZE, hu);
    }

    private static final double[][] IDENTITY = {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}};
    private static final double[][] BOX = {
        {1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}
    };
    private static final double[][] HORIZONTAL_DIFFERENCE = {{0, 0, 0}, {0, 1, -1}, {0, 0, 0}};

    @Test
    void theFastTransformIsTheDiscreteFourierTransform() {
        Random random = new Random(7);
        int n = 16;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] xRe = re.clone();
        double[] xIm = im.clone();
        Fft.transform(re, im, false);
        for (int k = 0; k < n; k++) {
            double sRe = 0;
            double sIm = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * j * k / n;
                sRe += xRe[j] * Math.cos(a) - xIm[j] * Math.sin(a);
                sIm += xRe[j] * Math.sin(a) + xIm[j] * Math.cos(a);
            }
            assertThat(re[k]).isCloseTo(sRe, within(1e-9));
            assertThat(im[k]).isCloseTo(sIm, within(1e-9));
        }
    }

    @Test
    void whiteNoiseHasAFlatSpectrumWhoseIntegralIsItsVariance() {
        HuImage image = filtered(whiteNoise(20, 1), IDENTITY);
        NoisePowerSpectrum nps = NoisePowerSpectrum.of(List.of(image), WHOLE, SPACING, 64);

        // 400 HU² spread evenly over the frequency plane of 1 / 0.25 mm²: 100 HU² mm² everywhere (but
        // in the lowest rings, which the removed plane takes power from).
        List<NoisePowerSpectrum.RadialBin> radial = nps.radial();
        assertThat(radial.get(1).nps()).isLessThan(100);
        for (NoisePowerSpectrum.RadialBin bin : radial) {
            if (bin.frequencyPerMm() > 0.1) {
                assertThat(bin.nps())
                        .as("NPS at %.3f /mm", bin.frequencyPerMm())
                        .isCloseTo(100, within(15.0));
            }
        }
        assertThat(nps.variance()).isCloseTo(400, within(20.0));
        assertThat(nps.sd()).isCloseTo(20, within(0.5));
        assertThat(nps.regions()).isEqualTo(7 * 7);
        assertThat(nps.nyquistPerMm()).isEqualTo(1.0);
    }

    @Test
    void smoothedNoiseFollowsTheSquaredResponseOfItsFilter() {
        double sd = 30;
        HuImage image = filtered(whiteNoise(sd, 2), BOX);
        NoisePowerSpectrum nps = NoisePowerSpectrum.of(List.of(image), WHOLE, SPACING, 64);

        // A 3-pixel box: H(u) = (1 + 2 cos(2 pi u dx)) / 3 along each axis; NPS = sd² dx dy H(u)² H(v)².
        double top = sd * sd * 0.25;
        for (NoisePowerSpectrum.RadialBin bin : nps.radial()) {
            double f = bin.frequencyPerMm();
            double h = (1 + 2 * Math.cos(2 * Math.PI * f * 0.5)) / 3; // on the u axis (v = 0)
            if (f > 0.1 && f < 0.3) {
                // low frequencies: the ring is close to its on-axis value
                assertThat(bin.nps()).as("NPS at %.3f /mm", f).isCloseTo(top * h * h, within(0.25 * top * h * h));
            }
        }
        assertThat(nps.peakFrequencyPerMm())
                .as("a low-pass filter keeps its power low")
                .isLessThan(0.3);
        NoisePowerSpectrum white =
                NoisePowerSpectrum.of(List.of(filtered(whiteNoise(sd, 2), IDENTITY)), WHOLE, SPACING, 64);
        assertThat(nps.meanFrequencyPerMm()).isLessThan(0.6 * white.meanFrequencyPerMm());
        assertThat(nps.variance())
                .as("a 3x3 mean divides the variance by 9")
                .isCloseTo(sd * sd / 9, within(sd * sd / 90));
    }

    @Test
    void noiseOfASharpKernelHasItsPeakNearTheNyquistFrequency() {
        HuImage image = filtered(whiteNoise(20, 3), HORIZONTAL_DIFFERENCE);
        NoisePowerSpectrum nps = NoisePowerSpectrum.of(List.of(image), WHOLE, SPACING, 64);

        // x(i) - x(i+1): |H(u)|² = 4 sin²(pi u dx), zero at 0 and highest at the Nyquist frequency.
        assertThat(nps.peakFrequencyPerMm()).isGreaterThan(0.8 * nps.nyquistPerMm());
        assertThat(nps.meanFrequencyPerMm()).isGreaterThan(0.5);
        assertThat(nps.variance()).isCloseTo(2 * 400, within(40.0));
    }

    @Test
    void aRegionSmallerThanOneSubRegionIsRefusedWithItsSize() {
        HuImage image = filtered(whiteNoise(20, 4), IDENTITY);
        assertThatThrownBy(
                        () -> NoisePowerSpectrum.of(List.of(image), Roi.Rectangle.between(10, 10, 50, 40), SPACING, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40 x 30 pixels")
                .hasMessageContaining("64 x 64");
        assertThatThrownBy(() -> NoisePowerSpectrum.of(List.of(image), WHOLE, SPACING, 48))
                .hasMessageContaining("power of two");
    }

    @Test
    void anRoiGetsTheLargestSubRegionThatFitsTwiceAndTheCurvesGoToCsvSideBySide() {
        HuImage image = filtered(whiteNoise(20, 5), IDENTITY);

        assertThat(NoisePowerSpectrum.ofRoi(image, Roi.Rectangle.between(0, 0, 200, 130), SPACING)
                        .orElseThrow()
                        .subRegionSize())
                .isEqualTo(64);
        assertThat(NoisePowerSpectrum.ofRoi(image, Roi.Rectangle.between(10, 10, 80, 90), SPACING)
                        .orElseThrow()
                        .subRegionSize())
                .isEqualTo(32);
        assertThat(NoisePowerSpectrum.ofRoi(image, Roi.Rectangle.between(10, 10, 30, 90), SPACING))
                .as("under 32 pixels a side")
                .isEmpty();
        // an ROI reaching past the image is measured on the part inside it
        assertThat(NoisePowerSpectrum.ofRoi(image, Roi.Rectangle.between(200, 200, 300, 300), SPACING))
                .isPresent();

        NoisePowerSpectrum a = NoisePowerSpectrum.ofRoi(image, Roi.Rectangle.between(0, 0, 64, 64), SPACING)
                .orElseThrow();
        String csv = NoisePowerSpectrum.csv(List.of("A original", "B \"denoised\""), List.of(a, a));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("frequency_per_mm,\"nps_hu2_mm2 A original\",\"nps_hu2_mm2 B 'denoised'\"");
        assertThat(lines).hasSize(1 + 17);
        assertThat(lines.get(2)).startsWith("0.0625,");
    }
}
