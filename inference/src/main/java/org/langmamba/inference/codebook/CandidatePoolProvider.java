package org.langmamba.inference.codebook;

import java.util.List;
import org.langmamba.imaging.image.AnatomicRegion;

/**
 * Candidate words for the pyramid semantic loss (paper Eq. 5): for each level of the token pyramid
 * and each cell of that level's grid, the codebook ids the quantized token there is pulled towards.
 * The paper takes words whose CLIP similarity to the image passes a threshold; without a CLIP image
 * encoder our default derives them from the tissue a region is made of ({@link TissueCandidatePools},
 * ADR 0005). A CLIP-based provider can replace it through this interface.
 */
public interface CandidatePoolProvider {
    /**
     * Pools for a slice of HU values, {@code width x height}; {@code grids[l]} is the number of cells
     * per side at level l (2, 8, 32 for the paper's 4/64/1024 tokens). Result: [level][cell] ids,
     * cells row-major. {@code region} is the body region of the slice the values come from (a patch
     * of soft tissue is brain in a head and liver in an abdomen).
     */
    List<List<int[]>> pools(float[] hu, int width, int height, int[] grids, AnatomicRegion region);
}
