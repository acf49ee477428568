package org.langmamba.viewer.processing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The token pyramid of one slice as the overlay draws it: per level a grid of cells, each with its
 * word, its distance to the quantized vector, the next candidate words and the tissue class of the
 * pixels under it. Cells are {@link Level#cellSize()} image pixels a side from the top-left corner
 * (LangAE pads the slice to a multiple of 16 with air, so the last cells may reach past the image).
 * {@code vocabulary} says which words the cells were read in ("head words (97 of 16 384): from the
 * image, 178 mm across", or the whole codebook): the overlay's caption.
 */
public record SliceTokens(List<Level> levels, String vocabulary) {
    public SliceTokens {
        levels = List.copyOf(levels);
    }

    /** Words from the whole codebook, the vocabulary unnamed (tests, tools). */
    public SliceTokens(List<Level> levels) {
        this(levels, "");
    }

    /** One word of a cell's alternatives, with its distance. */
    public record Candidate(String word, float distance) {}

    public record Level(
            int rows,
            int columns,
            double cellSize,
            List<String> words,
            float[] distances,
            List<List<Candidate>> candidates,
            List<String> tissue) {
        public Level {
            int cells = rows * columns;
            if (words.size() != cells
                    || distances.length != cells
                    || candidates.size() != cells
                    || tissue.size() != cells) {
                throw new IllegalArgumentException(
                        "a " + rows + "x" + columns + " level needs " + cells + " cells of each kind");
            }
            words = List.copyOf(words);
            candidates = List.copyOf(candidates);
            tissue = List.copyOf(tissue);
        }

        public int cells() {
            return rows * columns;
        }

        public String word(int row, int column) {
            return words.get(row * columns + column);
        }

        /**
         * How sure the word of {@code cell} is: how much farther its next candidate lies than the
         * word itself (in the codebook's units; candidates in the look-up's order). 0 is a tie; NaN
         * when the cell has no second candidate.
         */
        public double margin(int cell) {
            List<Candidate> c = candidates.get(cell);
            return c.size() < 2 ? Double.NaN : c.get(1).distance() - c.get(0).distance();
        }

        /** The cell of this level that holds the centre of {@code cell} of the finer level {@code finer}. */
        public int cellCovering(Level finer, int cell) {
            double x = (cell % finer.columns() + 0.5) * finer.cellSize();
            double y = (cell / finer.columns() + 0.5) * finer.cellSize();
            return cellAt(x, y);
        }

        /** The cell under image point (x, y), or -1 outside the grid. */
        public int cellAt(double x, double y) {
            int column = (int) Math.floor(x / cellSize);
            int row = (int) Math.floor(y / cellSize);
            return row < 0 || column < 0 || row >= rows || column >= columns ? -1 : row * columns + column;
        }

        /** Words with how many cells carry them, most frequent first (ties alphabetical). */
        public Map<String, Integer> wordCounts() {
            return wordCounts(cell -> true);
        }

        /** The same over the cells {@code counted} accepts (those the overlay draws, say). */
        public Map<String, Integer> wordCounts(IntPredicate counted) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                if (counted.test(i)) {
                    counts.merge(words.get(i), 1, Integer::sum);
                }
            }
            Map<String, Integer> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }
    }

    /** Level 1 (coarsest, 2x2 for a 512 slice) to 3 (finest, 32x32). */
    public Level level(int number) {
        return levels.get(number - 1);
    }
}
