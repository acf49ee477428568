package org.langmamba.inference.langae;

import java.util.List;

/**
 * What LangAE's quantizer chose for one slice: per pyramid level, the grid size and, per cell
 * (row-major), the codebook id and the distance of the quantized target to its word.
 */
public record TokenPyramid(List<Level> levels) {
    /** One level: {@code rows x columns} cells (2x2, 8x8, 32x32 for a 512 slice). */
    public record Level(int rows, int columns, int[] ids, float[] distances) {
        public int tokens() {
            return ids.length;
        }
    }
}
