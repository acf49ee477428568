package org.langmamba.training.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.langmamba.inference.io.AtomicFiles;

/**
 * Slices on disk as raw little-endian float32 HU, row-major: the simplest format numpy, ImageJ and
 * DJL all read. Written to a temporary name and moved, so a killed run never leaves half a file.
 */
public final class SliceFiles {
    private SliceFiles() {}

    public static float[] read(Path file, int expectedValues) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != expectedValues * 4) {
            throw new IOException(file + ": expected " + expectedValues + " float32 values (" + expectedValues * 4
                    + " bytes), found " + bytes.length + " bytes");
        }
        float[] values = new float[expectedValues];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    public static void write(float[] values, Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        writeAtomically(bytes.array(), file);
    }

    public static void writeAtomically(byte[] content, Path file) throws IOException {
        AtomicFiles.write(content, file);
    }
}
