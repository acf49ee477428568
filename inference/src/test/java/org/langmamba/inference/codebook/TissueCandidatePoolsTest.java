package org.langmamba.inference.codebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.image.AnatomicRegion;

class TissueCandidatePoolsTest {
    private final LanguageCodebook codebook = shippedCodebook();
    private final TissueCandidatePools pools =
            new TissueCandidatePools(CtLexicon.standard(), codebook, TissueCandidatePools.DEFAULT_THRESHOLDS);

    private static LanguageCodebook shippedCodebook() {
        return DefaultCodebook.load();
    }

    private Set<String> words(int[] ids) {
        return Arrays.stream(ids).mapToObj(codebook::word).collect(Collectors.toSet());
    }

    /** 64x64 slice: left half fat (-100 HU), right half bone (+800 HU), with a small air patch. */
    private static float[] fatAndBone() {
        float[] hu = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                hu[y * 64 + x] = x < 32 ? -100f : 800f;
            }
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                hu[y * 64 + x] = -1000f;
            }
        }
        return hu;
    }

    @Test
    void thePyramidHasFourSixtyFourAndThousandTwentyFourCellsOfWords() {
        List<List<int[]>> result =
                pools.pools(new float[512 * 512], 512, 512, new int[] {2, 8, 32}, AnatomicRegion.ABDOMEN);
        assertThat(result).extracting(List::size).containsExactly(4, 64, 1024);
        // Water everywhere: fluid words everywhere, global words only at level 1.
        assertThat(words(result.get(0).get(0))).contains("water", "fluid", "ct", "abdominal");
        assertThat(words(result.get(2).get(500))).contains("water").doesNotContain("ct");
    }

    @Test
    void cellsGetTheWordsOfTheTissueTheyAreMadeOf() {
        List<List<int[]>> result = pools.pools(fatAndBone(), 64, 64, new int[] {2, 8, 32}, AnatomicRegion.ABDOMEN);
        // Level 3, cell (0,0) is the 2x2-pixel corner of the air patch; cell (31,31) is bone.
        assertThat(words(result.get(2).get(0))).contains("air").doesNotContain("bone", "fat");
        assertThat(words(result.get(2).get(32 * 32 - 1)))
                .contains("bone", "skeletal")
                .doesNotContain("fat");
        // Level 1, top-left quadrant: fat (air is 16 of 1024 pixels, below the 0.3 share).
        assertThat(words(result.get(0).get(0))).contains("fat", "adipose").doesNotContain("air", "bone");
        // Level 2, cell (0,0): the 4x4 air patch is 25 % of its 8x8 pixels, above the 0.2 share.
        assertThat(words(result.get(1).get(0))).contains("air", "fat");
    }

    @Test
    void softTissueIsBrainInAHeadAndLiverInAnAbdomen() {
        float[] soft = new float[64 * 64];
        Arrays.fill(soft, 40f);
        int[] grids = {2, 8, 32};
        List<List<int[]>> head = pools.pools(soft, 64, 64, grids, AnatomicRegion.HEAD);
        List<List<int[]>> abdomen = pools.pools(soft, 64, 64, grids, AnatomicRegion.ABDOMEN);
        assertThat(words(head.get(2).get(0)))
                .contains("brain", "tissue")
                .doesNotContain("liver", "bowel", "intestinal", "spleen", "stomach");
        assertThat(words(abdomen.get(2).get(0))).contains("liver", "tissue").doesNotContain("brain", "cerebral");
        assertThat(words(head.get(0).get(0)))
                .as("a head's global words")
                .contains("head", "ct")
                .doesNotContain("abdominal");
        assertThat(words(abdomen.get(0).get(0))).contains("abdominal").doesNotContain("head");
    }
}
