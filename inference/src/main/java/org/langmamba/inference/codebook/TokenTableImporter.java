package org.langmamba.inference.codebook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a vision-language model's token-embedding table, e.g. PubMedCLIP's, so a site that has it
 * can use it instead of GloVe without code changes: the matrix as a NumPy {@code .npy} file
 * (float32 or float16, little endian, C order, shape [tokens, dimension]) and the vocabulary as the
 * Hugging Face {@code vocab.json} ({"token": id, ...}).
 */
public final class TokenTableImporter {
    private static final Pattern ENTRY = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\\d+)");

    private TokenTableImporter() {}

    public static LanguageCodebook importTable(String name, Path npy, Path vocabJson) throws IOException {
        Matrix matrix = readNpy(npy);
        String[] words = new String[matrix.rows()];
        Matcher m = ENTRY.matcher(Files.readString(vocabJson, StandardCharsets.UTF_8));
        while (m.find()) {
            int id = Integer.parseInt(m.group(2));
            if (id >= words.length) {
                throw new IOException(
                        vocabJson + ": token id " + id + " is beyond the " + matrix.rows() + " rows of " + npy);
            }
            words[id] = unescape(m.group(1));
        }
        List<String> vocabulary = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            if (words[i] == null) {
                throw new IOException(vocabJson + " has no token for row " + i + " of " + npy);
            }
            vocabulary.add(words[i]);
        }
        return new LanguageCodebook(name, vocabulary, matrix.values(), matrix.columns());
    }

    record Matrix(int rows, int columns, float[] values) {}

    /** NumPy format 1.0/2.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html). */
    static Matrix readNpy(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        if (bytes.length < 10
                || bytes[0] != (byte) 0x93
                || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(npy + " is not a .npy file");
        }
        int major = bytes[6];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.US_ASCII);
        String descr = field(header, "descr", npy);
        if (header.contains("'fortran_order': True")) {
            throw new IOException(npy + ": Fortran-ordered arrays are not read; save with np.ascontiguousarray");
        }
        Matcher shape = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)").matcher(header);
        if (!shape.find()) {
            throw new IOException(npy + ": expected a 2-D array [tokens, dimension], header " + header.trim());
        }
        int rows = Integer.parseInt(shape.group(1));
        int columns = Integer.parseInt(shape.group(2));
        float[] values = new float[rows * columns];
        buffer.position(headerStart + headerLength);
        switch (descr) {
            case "<f4" -> buffer.asFloatBuffer().get(values);
            case "<f2" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = halfToFloat(buffer.getShort());
                }
            }
            default ->
                throw new IOException(npy + ": dtype " + descr + " not supported (use float32 '<f4' or float16 '<f2')");
        }
        return new Matrix(rows, columns, values);
    }

    private static String field(String header, String name, Path npy) throws IOException {
        Matcher m = Pattern.compile("'" + name + "':\\s*'([^']*)'").matcher(header);
        if (!m.find()) {
            throw new IOException(npy + ": header lacks '" + name + "'");
        }
        return m.group(1);
    }

    /** IEEE 754 half to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            return Float.intBitsToFloat(sign) + (sign != 0 ? -1 : 1) * mantissa * (float) Math.pow(2, -24);
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
