package org.langmamba.inference.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a long training run does to memory at the worst moment, on demand: a garbage collection,
 * then freed native memory taken again and filled with 1e30. Put between a forward and a backward
 * pass, it turns a backward that reads memory nobody owns any more (a Java-backed array that left
 * its graph early, ADR 0008) from a rare NaN into a certain, visible difference. The GC-stress tests
 * run every network and loss with and without it and compare the results bit for bit;
 * {@code --gc-stress} on the training commands does it before every backward pass of a real run.
 */
public final class GcStress {
    /** Sizes of the scribbled blocks, from a 0-d scalar's 4 bytes to a 1 MB batch, and how many of each. */
    private static final int[][] BLOCKS = {
        {4, 4000}, {64, 500}, {1 << 10, 200}, {1 << 14, 60}, {1 << 18, 12}, {1 << 20, 6}
    };

    private static final float SCRIBBLE = 1e30f;

    private GcStress() {}

    public static void collectAndScribble() {
        List<ByteBuffer> junk = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            System.gc();
            try {
                Thread.sleep(5); // let the cleaner thread free what the collection found
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int[] block : BLOCKS) {
                for (int i = 0; i < block[1]; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(block[0]);
                    for (int at = 0; at + 4 <= block[0]; at += 4) {
                        b.putFloat(at, SCRIBBLE);
                    }
                    junk.add(b);
                }
            }
        }
    }
}
