package org.langmamba.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.redcnn.RedCnn;

class InferenceApiTest {
    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 300);
        }
        return v;
    }

    @Test
    void tilesBlendWithoutSeamsAndEveryPixelIsCovered() {
        float[] image = random(700 * 530, 1);
        float[] same = Tiling.apply(image, 700, 530, 256, 32, t -> t);
        for (int i = 0; i < image.length; i++) {
            assertThat(same[i]).isCloseTo(image[i], within(1e-3f));
        }
        float[] affine = Tiling.apply(image, 700, 530, 256, 32, t -> {
            float[] v = t.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * v[i] + 1;
            }
            return new Tiling.Tile(v, t.width(), t.height());
        });
        for (int i = 0; i < image.length; i++) {
            assertThat(affine[i]).isCloseTo(2 * image[i] + 1, within(1e-2f));
        }
    }

    /** RED-CNN with its last layer zero: it then returns relu(input), the input itself for normalised HU. */
    private static RedCnn identityRedCnn(NDManager m) {
        RedCnn red = new RedCnn(8);
        red.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
        red.getParameters().forEach(p -> {
            if (p.getKey().contains("deconv5")) {
                NDArray w = p.getValue().getArray();
                w.subi(w);
            }
        });
        return red;
    }

    private static float[] randomHu(int n, long seed) {
        float[] hu = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1024 + r.nextFloat() * 4000;
        }
        return hu;
    }

    @Test
    void aNetworkThatChangesNothingGivesBackTheSlicesHuThroughTilesAndNormalisation() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] hu = randomHu(300 * 280, 3);
            float[] out = new HuDenoiser(identityRedCnn(m), m, Normalization.DEFAULT).denoise(hu, 300, 280);
            for (int i = 0; i < hu.length; i++) {
                assertThat(out[i]).isCloseTo(Math.min(hu[i], 3072f), within(0.01f));
            }
        }
    }

    @Test
    void aNonFiniteNetworkOutputIsRunAgainAndNeverReturned() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] hu = randomHu(40 * 40, 5);
            AtomicInteger calls = new AtomicInteger();
            // NaN on the first call, the input itself afterwards: what the flaky native library does.
            LambdaBlock flaky = new LambdaBlock(in -> calls.getAndIncrement() == 0
                    ? new NDList(in.singletonOrThrow().mul(Float.NaN))
                    : in);
            float[] out = new HuDenoiser(flaky, m, Normalization.DEFAULT).denoise(hu, 40, 40);
            assertThat(calls.get()).isEqualTo(2);
            for (int i = 0; i < hu.length; i++) {
                assertThat(out[i]).isCloseTo(Math.min(hu[i], 3072f), within(0.01f));
            }

            LambdaBlock broken =
                    new LambdaBlock(in -> new NDList(in.singletonOrThrow().mul(Float.NaN)));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new HuDenoiser(broken, m, Normalization.DEFAULT).denoise(hu, 40, 40))
                    .hasMessageContaining("non-finite")
                    .hasMessageContaining("3 times");
        }
    }

    @Test
    void aSliceSmallerThanTheNetworksReceptiveFieldIsPaddedAndCroppedBack() {
        // A 16x12 slice: RED-CNN's unpadded convolutions alone would refuse it (the sample study's
        // downsampled head series did).
        try (NDManager m = NDManager.newBaseManager()) {
            float[] hu = randomHu(16 * 12, 4);
            float[] out = new HuDenoiser(identityRedCnn(m), m, Normalization.DEFAULT).denoise(hu, 16, 12);
            assertThat(out).hasSize(hu.length);
            for (int i = 0; i < hu.length; i++) {
                assertThat(out[i]).isCloseTo(Math.min(hu[i], 3072f), within(0.01f));
            }
        }
        float[] padded = HuDenoiser.padByEdge(new float[] {1, 2, 3, 4}, 2, 2, 3, 3);
        assertThat(padded).containsExactly(1, 2, 2, 3, 4, 4, 3, 4, 4);
    }

    @Test
    void theTokenPyramidOfASliceHasWordsAtEveryLevel() throws Exception {
        LanguageCodebook codebook;
        codebook = DefaultCodebook.load();
        try (NDManager m = NDManager.newBaseManager()) {
            LangAe ae = new LangAe(new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4), codebook);
            ae.initialize(m, DataType.FLOAT32, new Shape(1, 1, 512, 512));
            TokenPyramidReader reader = new TokenPyramidReader(ae, m, Normalization.DEFAULT);
            List<TokenPyramidReader.WordLevel> levels = reader.read(random(512 * 512, 2), 512, 512);
            assertThat(levels).extracting(l -> l.words().size()).containsExactly(4, 64, 1024);
            assertThat(levels.get(2).words())
                    .allSatisfy(w -> assertThat(codebook.id(w)).isPresent());
            List<TokenPyramidReader.WordLevel> odd = reader.read(random(300 * 200, 3), 300, 200);
            assertThat(odd).extracting(l -> l.rows() + "x" + l.columns()).containsExactly("1x2", "4x8", "16x32");
        }
    }
}
