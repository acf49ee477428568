package org.langmamba.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.inference.api.Normalization;

class PatchSamplerTest {
    @TempDir
    Path folder;

    /** NDCT: HU = 10 * column + row (every position distinct); LDCT = NDCT + 100 HU. */
    private PairedDataset ramps(int count) throws Exception {
        PairedDatasetWriter writer = new PairedDatasetWriter(folder.resolve("set"));
        for (int k = 0; k < count; k++) {
            float[] nd = new float[32 * 32];
            float[] ld = new float[32 * 32];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    nd[y * 32 + x] = 10 * x + y + 1000 * k;
                    ld[y * 32 + x] = nd[y * 32 + x] + 100;
                }
            }
            writer.add("P" + k, "s", new HuImage(32, 32, nd), new HuImage(32, 32, ld), 1.0, 0.25, "ramp");
        }
        return writer.finish(new PatientSplitter(0, 0, 1));
    }

    @Test
    void lowAndNormalDosePatchesComeFromTheSamePlaceTurnedTheSameWay() throws Exception {
        Normalization identity = new Normalization(-10000, 10000);
        PatchSampler sampler = new PatchSampler(ramps(3).pairs(), 8, identity, 1, 1);
        Set<String> orientations = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PatchSampler.Patch patch = sampler.next();
            for (int j = 0; j < 64; j++) {
                assertThat(identity.toHu(patch.lowDose()[j]) - identity.toHu(patch.normalDose()[j]))
                        .isCloseTo(100f, within(0.01f));
            }
            float[] nd = identity.toHu(patch.normalDose());
            orientations.add(Math.round(nd[1] - nd[0]) + "/" + Math.round(nd[8] - nd[0]));
        }
        // The ramp rises 10 HU a column and 1 HU a row: flips change the signs, the transpose swaps
        // the steps; all 8 rotations and mirrorings happen.
        assertThat(orientations)
                .containsExactlyInAnyOrder("10/1", "-10/1", "10/-1", "-10/-1", "1/10", "-1/10", "1/-10", "-1/-10");
    }

    @Test
    void patchesOfPaddingAirAreDrawnAgainSoEveryPatchHoldsBody() throws Exception {
        // 64x64 slice: the left 40 columns are flat padding air, the right 24 columns soft tissue.
        float[] nd = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                nd[y * 64 + x] = x < 40 ? -1024f : 40f + (x + y) % 7;
            }
        }
        PairedDatasetWriter writer = new PairedDatasetWriter(folder.resolve("edge"));
        writer.add("P", "s", new HuImage(64, 64, nd), new HuImage(64, 64, nd.clone()), 1.0, 0.25, "edge");
        PatchSampler sampler =
                new PatchSampler(writer.finish(new PatientSplitter(0, 0, 1)).pairs(), 16, Normalization.DEFAULT, 3, 1);
        int flat = 0;
        for (PatchSampler.Patch patch : sampler.next(200)) {
            float[] hu = Normalization.DEFAULT.toHu(patch.normalDose());
            long body = IntStream.range(0, hu.length).filter(i -> hu[i] > -900f).count();
            assertThat(body).isGreaterThanOrEqualTo(Math.round(0.25 * hu.length));
            flat += body == 0 ? 1 : 0;
        }
        // Uniform positions would put about half of the patches wholly in air.
        assertThat(flat).isZero();
    }

    @Test
    void theSameSeedGivesTheSamePatches() throws Exception {
        List<PairedSlice> pairs = ramps(2).pairs();
        PatchSampler a = new PatchSampler(pairs, 8, Normalization.DEFAULT, 42, 2);
        PatchSampler b = new PatchSampler(pairs, 8, Normalization.DEFAULT, 42, 1);
        List<PatchSampler.Patch> epoch = b.next(20);
        assertThat(epoch).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(a.next().normalDose()).containsExactly(epoch.get(i).normalDose());
        }
    }

    @Test
    void slicesSmallerThanThePatchAreRefusedByName() throws Exception {
        List<PairedSlice> pairs = ramps(1).pairs();
        assertThatThrownBy(() -> new PatchSampler(pairs, 64, Normalization.DEFAULT, 1, 1))
                .hasMessageContaining("P0/s")
                .hasMessageContaining("32x32");
    }

    @Test
    void normalisationMapsTheHuRangeToZeroOneAndBack() {
        Normalization n = Normalization.DEFAULT;
        assertThat(n.toNetwork(-1024f)).isZero();
        assertThat(n.toNetwork(3072f)).isEqualTo(1f);
        assertThat(n.toNetwork(-3000f)).isZero();
        assertThat(n.toHu(n.toNetwork(40f))).isCloseTo(40f, within(1e-3f));
    }
}
