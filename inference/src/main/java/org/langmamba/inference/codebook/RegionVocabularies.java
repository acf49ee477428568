package org.langmamba.inference.codebook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.langmamba.imaging.image.AnatomicRegion;

/**
 * Each body region's words as codebook ids: what may be said of a slice of that region (its global
 * words and every tissue class's words there, CtLexicon), the words the codebook lacks left out. The
 * overlay reads a head's latents among these so that a head is not described as liver and bowel.
 */
public final class RegionVocabularies {
    private final Map<AnatomicRegion, int[]> ids = new EnumMap<>(AnatomicRegion.class);
    private final Map<AnatomicRegion, int[]> tissueIds = new EnumMap<>(AnatomicRegion.class);
    private final int codebookSize;

    public RegionVocabularies(CtLexicon lexicon, LanguageCodebook codebook) {
        codebookSize = codebook.size();
        for (AnatomicRegion region : AnatomicRegion.values()) {
            ids.put(region, codebook.ids(lexicon.vocabulary(region)));
            tissueIds.put(region, codebook.ids(lexicon.tissueWords(region)));
        }
    }

    /**
     * Per pyramid level the ids a region's slice is read in: the whole-image words ("ct", "head") at
     * the first level only, as the candidate pools have them, the tissue words at every level.
     */
    public List<int[]> perLevel(AnatomicRegion region, int levels) {
        List<int[]> out = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            out.add((l == 0 ? ids : tissueIds).get(region).clone());
        }
        return out;
    }

    public int codebookSize() {
        return codebookSize;
    }
}
