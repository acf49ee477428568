package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.training.data.SliceFiles;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;

/**
 * PSNR and SSIM agree with scikit-image on real slices and their simulated quarter dose; FSIM
 * has the properties the metric must have, and its value on the documented reference pair.
 */
class ScoresTest {
    @TempDir
    static Path work;

    static RealSlices.RealSlice chest;
    static RealSlices.RealSlice chestQuarterDose;

    @BeforeAll
    static void realPair() throws Exception {
        chest = RealSlices.load(RealSlices.CHEST, work);
        chestQuarterDose = new RealSlices.RealSlice(
                DoseSimulator.forSlice(chest.width(), chest.pixelSizeMm())
                        .simulate(chest.image(), chest.pixelSizeMm(), DoseSettings.quarterDose(1)),
                chest.pixelSizeMm());
    }

    @Test
    void psnrAndSsimMatchScikitImageOnARealSliceAndItsSimulatedQuarterDose() throws Exception {
        assertMatchesScikitImage(chest, chestQuarterDose, Window.ABDOMEN);
        assertMatchesScikitImage(chest, chestQuarterDose, Window.ofBounds(-1350, 150)); // lung window
    }

    @Test
    void psnrAndSsimMatchScikitImageOnARealHeadSliceWithAddedNoise() throws Exception {
        RealSlices.RealSlice head = RealSlices.load(RealSlices.HEAD, work);
        assertMatchesScikitImage(head, withNoise(head, 15, 5), Window.ofBounds(0, 80));
    }

    private static void assertMatchesScikitImage(
            RealSlices.RealSlice reference, RealSlices.RealSlice test, Window window) throws Exception {
        Path ref = work.resolve("ref.f32");
        Path tst = work.resolve("test.f32");
        SliceFiles.write(reference.hu(), ref);
        SliceFiles.write(test.hu(), tst);
        String[] expected = RealSlices.python(
                        "src/test/python/skimage_scores.py",
                        ref.toString(),
                        tst.toString(),
                        Integer.toString(reference.width()),
                        Integer.toString(reference.height()),
                        Double.toString(window.lower()),
                        Double.toString(window.upper()))
                .split("\\s+");
        double psnr = Psnr.of(reference.hu(), test.hu(), window);
        double ssim = Ssim.of(reference.hu(), test.hu(), reference.width(), reference.height(), window);
        System.out.printf(
                "window %s: PSNR %.6f (skimage %s), SSIM %.6f (skimage %s)%n",
                window, psnr, expected[0], ssim, expected[1]);
        assertThat(psnr).isCloseTo(Double.parseDouble(expected[0]), within(1e-4));
        assertThat(ssim).isCloseTo(Double.parseDouble(expected[1]), within(1e-4));
    }

    @Test
    void identicalImagesScorePerfectly() {
        SliceScores same = SliceScores.of(chest.hu(), chest.hu(), chest.width(), chest.height(), Window.ABDOMEN);
        assertThat(same.psnr()).isInfinite();
        assertThat(same.ssim()).isCloseTo(1.0, within(1e-12));
        assertThat(same.fsim()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fsimFallsAsNoiseRises() {
        double previous = 1.0;
        for (double sd : new double[] {5, 10, 20, 40, 80}) {
            double fsim =
                    Fsim.of(chest.hu(), withNoise(chest, sd, 42).hu(), chest.width(), chest.height(), Window.ABDOMEN);
            System.out.printf("FSIM, chest + Gaussian noise SD %.0f HU: %.4f%n", sd, fsim);
            assertThat(fsim).isLessThan(previous).isGreaterThan(0.0);
            previous = fsim;
        }
    }

    @Test
    void fsimOfTheReferencePairIsTheDocumentedValue() {
        // Reference pair (README, "Scores"): the sample study's chest slice (NEMA CT1) against its
        // simulated quarter dose, DoseSettings.quarterDose(1), abdominal window. A regression pin:
        // a change of this value is a change of the metric or of the simulator, to be explained.
        double fsim = Fsim.of(chest.hu(), chestQuarterDose.hu(), chest.width(), chest.height(), Window.ABDOMEN);
        System.out.printf("FSIM reference pair: %.6f%n", fsim);
        assertThat(fsim).isCloseTo(REFERENCE_PAIR_FSIM, within(1e-4));
    }

    static final double REFERENCE_PAIR_FSIM = 0.933804;

    private static RealSlices.RealSlice withNoise(RealSlices.RealSlice slice, double sd, long seed) {
        Random random = new Random(seed);
        float[] noisy = slice.hu();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (random.nextGaussian() * sd);
        }
        return new RealSlices.RealSlice(new HuImage(slice.width(), slice.height(), noisy), slice.pixelSizeMm());
    }
}
