package org.langmamba.inference.codebook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            ids.put(region, ids(lexicon.vocabulary(region), codebook));
            tissueIds.put(region, ids(lexicon.tissueWords(region), codebook));
        }
    }

    private static int[] ids(Collection<String> words, LanguageCodebook codebook) {
        return words.stream()
                .map(codebook::id)
                .flatMap(Optional::stream)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * Per pyramid level the ids a region's slice is read in: the whole-image words ("ct", "head") at
     * the first level only, as the candidate pools have them, the tissue words at every level.
     */
    public List<int[]> perLevel(AnatomicRegion region, int levels) {
        List<int[]> out = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            out.add(l == 0 ? ids(region) : tissueIds.get(region).clone());
        }
        return out;
    }

    /** The ids of {@code region}'s words (a copy). */
    public int[] ids(AnatomicRegion region) {
        return ids.get(region).clone();
    }

    public int codebookSize() {
        return codebookSize;
    }
}
