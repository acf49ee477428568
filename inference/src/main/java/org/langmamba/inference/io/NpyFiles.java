package org.langmamba.inference.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes float32 arrays as NumPy {@code .npy} files (format 1.0: magic, a header dict padded to 64
 * bytes, little-endian data in C order), so a Python script can run the very weights and inputs our
 * Java path ran (the peer benchmark, issue 18). Atomic, like every file we write.
 */
public final class NpyFiles {
    private NpyFiles() {}

    public static void writeFloat32(Path file, long[] shape, float[] values) throws IOException {
        long count = 1;
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            count *= d;
            dims.append(d).append(", ");
        }
        if (count != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + dims);
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = 10 + dict.length() + 1; // magic (6), version (2), header length (2), dict, newline
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out =
                ByteBuffer.allocate(10 + headerBytes.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) headerBytes.length);
        out.put(headerBytes);
        out.asFloatBuffer().put(values);
        AtomicFiles.write(out.array(), file);
    }
}
