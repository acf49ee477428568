package org.langmamba.inference.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.PyramidQuantizer;
import org.langmamba.inference.langae.TokenPyramid;

/**
 * Slice to token pyramid, for the physicist's overlay and the JSON export: LangAE encodes the
 * (padded) slice, the quantizer picks each level's words, and the result carries ids, words and
 * distances per level (2x2, 8x8, 32x32 cells for a 512 slice).
 */
public final class TokenPyramidReader {
    /** One level with words. */
    public record WordLevel(int rows, int columns, List<String> words, int[] ids, float[] distances) {
    }

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
        long paddedW = LangAe.paddedSize(width);
        long paddedH = LangAe.paddedSize(height);
        float[] padded = new float[(int) (paddedW * paddedH)];
        float air = normalization.toNetwork(-1024f); // padding reads as air
        java.util.Arrays.fill(padded, air);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                padded[(int) (r * paddedW + c)] = normalization.toNetwork(hu[r * width + c]);
            }
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(padded, new Shape(1, 1, paddedH, paddedW));
            NDList encoded = langAe.encode(store, x, false);
            TokenPyramid pyramid = PyramidQuantizer.pyramidOf(langAe.quantize(encoded.get(LangAeConfig.SCALES)));
            List<WordLevel> levels = new ArrayList<>();
            for (TokenPyramid.Level level : pyramid.levels()) {
                List<String> words = new ArrayList<>();
                for (int id : level.ids()) {
                    words.add(langAe.codebook().word(id));
                }
                levels.add(new WordLevel(level.rows(), level.columns(), words, level.ids(), level.distances()));
            }
            return levels;
        }
    }
}
