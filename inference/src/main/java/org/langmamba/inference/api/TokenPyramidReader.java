package org.langmamba.inference.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.PyramidQuantizer;
import org.langmamba.inference.langae.TokenPyramid;
import org.langmamba.inference.nn.NativeArrays;

/**
 * Slice to token pyramid, for the physicist's overlay and the JSON export: LangAE encodes the
 * (padded) slice, the quantizer picks each level's words, and the result carries ids, words and
 * distances per level (2x2, 8x8, 32x32 cells for a 512 slice).
 */
public final class TokenPyramidReader {
    /** One level with words. */
    public record WordLevel(int rows, int columns, List<String> words, int[] ids, float[] distances) {}

    /** A level with each cell's {@code k} nearest words (the chosen one first) and their distances. */
    public record CandidateLevel(
            WordLevel level, List<List<String>> candidates, List<float[]> candidateDistances, double cellSize) {}

    private final LangAe langAe;
    private final NDManager manager;
    private final Normalization normalization;
    private final ParameterStore store;

    public TokenPyramidReader(LangAe langAe, NDManager manager, Normalization normalization) {
        this.langAe = langAe;
        this.manager = manager;
        this.normalization = normalization;
        this.store = new ParameterStore(manager, false);
    }

    public List<WordLevel> read(float[] hu, int width, int height) {
        return readWithCandidates(hu, width, height, 1).stream()
                .map(CandidateLevel::level)
                .toList();
    }

    /**
     * The pyramid with the {@code k} nearest words of every cell: what the quantizer chose and what
     * came next (how sure it was). Cell size is in slice pixels (the padded slice over the grid).
     */
    public List<CandidateLevel> readWithCandidates(float[] hu, int width, int height, int k) {
        return readWithCandidates(hu, width, height, k, null);
    }

    /**
     * The same with level l's words chosen among {@code vocabulary.get(l)} (codebook ids; null: the
     * whole codebook), the pyramid's residuals included: a body region's reading of the latent
     * ({@link LangAe#reading}).
     */
    public List<CandidateLevel> readWithCandidates(float[] hu, int width, int height, int k, List<int[]> vocabulary) {
        long paddedW = LangAe.paddedSize(width);
        long paddedH = LangAe.paddedSize(height);
        float[] padded = new float[(int) (paddedW * paddedH)];
        float air = normalization.toNetwork(-1024f); // padding reads as air
        Arrays.fill(padded, air);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                padded[(int) (r * paddedW + c)] = normalization.toNetwork(hu[r * width + c]);
            }
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray x = NativeArrays.of(call, padded, new Shape(1, 1, paddedH, paddedW));
            NDList encoded = langAe.encode(store, x, false);
            PyramidQuantizer quantizer = langAe.reading(call, vocabulary);
            PyramidQuantizer.Result result = langAe.quantize(encoded.get(LangAeConfig.SCALES), quantizer);
            TokenPyramid pyramid = PyramidQuantizer.pyramidOf(result);
            List<CandidateLevel> levels = new ArrayList<>();
            for (int l = 0; l < pyramid.levels().size(); l++) {
                TokenPyramid.Level level = pyramid.levels().get(l);
                List<String> words = new ArrayList<>();
                for (int id : level.ids()) {
                    words.add(langAe.codebook().word(id));
                }
                NDArray target = result.targets().get(l).get(0);
                NDArray[] nearest =
                        quantizer.nearest(target.reshape(-1, target.getShape().get(2)), l, k);
                long[] ids = nearest[0].toLongArray();
                float[] distances = nearest[1].toFloatArray();
                List<List<String>> candidates = new ArrayList<>();
                List<float[]> candidateDistances = new ArrayList<>();
                for (int cell = 0; cell < level.ids().length; cell++) {
                    List<String> cellWords = new ArrayList<>();
                    float[] cellDistances = new float[k];
                    for (int j = 0; j < k; j++) {
                        cellWords.add(langAe.codebook().word((int) ids[cell * k + j]));
                        cellDistances[j] = distances[cell * k + j];
                    }
                    candidates.add(cellWords);
                    candidateDistances.add(cellDistances);
                }
                levels.add(new CandidateLevel(
                        new WordLevel(level.rows(), level.columns(), words, level.ids(), level.distances()),
                        candidates,
                        candidateDistances,
                        (double) paddedW / level.columns()));
            }
            return levels;
        }
    }
}
