package org.langmamba.inference.codebook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.langmamba.imaging.image.AnatomicRegion;

/**
 * Candidate words from tissue composition (ADR 0005): a cell's pool holds the words of every
 * tissue class that covers at least {@code thresholds[l]} of the cell's pixels, and at level 0
 * also the lexicon's global words ("ct", "abdominal", ...), as the paper's coarsest level carries
 * words of the whole image. The words are those of the slice's body region (CtLexicon): soft
 * tissue pulls towards "brain" in a head and towards "liver" in an abdomen. Words the codebook lacks
 * are skipped. Thresholds per level play the role of the paper's similarity thresholds 0.95 / 0.9 / 0.8: coarser cells mix more tissue, so
 * they demand a larger share before a class speaks for them.
 */
public final class TissueCandidatePools implements CandidatePoolProvider {
    /** Default class-fraction thresholds for levels 1, 2, 3. */
    public static final double[] DEFAULT_THRESHOLDS = {0.3, 0.2, 0.1};

    private final CtLexicon lexicon;
    private final double[] thresholds;
    /** Per region, per tissue class (the lexicon's order) the ids of its words there. */
    private final Map<AnatomicRegion, List<int[]>> classWordIds = new EnumMap<>(AnatomicRegion.class);
    /** Per region the ids of the whole-image words (level 1 only). */
    private final Map<AnatomicRegion, int[]> globalWordIds = new EnumMap<>(AnatomicRegion.class);

    public TissueCandidatePools(CtLexicon lexicon, LanguageCodebook codebook, double[] thresholds) {
        this.lexicon = lexicon;
        this.thresholds = thresholds.clone();
        for (AnatomicRegion region : AnatomicRegion.values()) {
            List<int[]> perClass = new ArrayList<>();
            for (CtLexicon.TissueClass c : lexicon.classes()) {
                perClass.add(codebook.ids(c.words(region)));
            }
            classWordIds.put(region, perClass);
            globalWordIds.put(region, codebook.ids(lexicon.globalWords(region)));
        }
    }

    @Override
    public List<List<int[]>> pools(float[] hu, int width, int height, int[] grids, AnatomicRegion region) {
        if (grids.length > thresholds.length) {
            throw new IllegalArgumentException(grids.length + " levels but thresholds for " + thresholds.length);
        }
        int[] classOfPixel = new int[hu.length];
        for (int i = 0; i < hu.length; i++) {
            classOfPixel[i] = classIndex(hu[i]);
        }
        List<List<int[]>> levels = new ArrayList<>();
        for (int l = 0; l < grids.length; l++) {
            int grid = grids[l];
            List<int[]> cells = new ArrayList<>(grid * grid);
            for (int cy = 0; cy < grid; cy++) {
                for (int cx = 0; cx < grid; cx++) {
                    cells.add(cellPool(classOfPixel, width, height, grid, cx, cy, l, region));
                }
            }
            levels.add(cells);
        }
        return levels;
    }

    private int[] cellPool(
            int[] classOfPixel, int width, int height, int grid, int cx, int cy, int level, AnatomicRegion region) {
        int x0 = cx * width / grid;
        int x1 = (cx + 1) * width / grid;
        int y0 = cy * height / grid;
        int y1 = (cy + 1) * height / grid;
        int[] counts = new int[lexicon.classes().size()];
        int total = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = classOfPixel[y * width + x];
                if (c >= 0) {
                    counts[c]++;
                }
                total++;
            }
        }
        Set<Integer> pool = new LinkedHashSet<>();
        if (level == 0) {
            for (int id : globalWordIds.get(region)) {
                pool.add(id);
            }
        }
        for (int c = 0; c < counts.length; c++) {
            if (total > 0 && counts[c] >= thresholds[level] * total) {
                for (int id : classWordIds.get(region).get(c)) {
                    pool.add(id);
                }
            }
        }
        return pool.stream().mapToInt(Integer::intValue).toArray();
    }

    private int classIndex(float hu) {
        List<CtLexicon.TissueClass> classes = lexicon.classes();
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).contains(hu)) {
                return i;
            }
        }
        return -1;
    }
}
