package org.langmamba.inference.codebook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.inference.io.AtomicFiles;

/**
 * The codebook pack format: one file holding a codebook's name, words and embedding matrix, so a
 * site can swap GloVe for a real VLM token table (PubMedCLIP, ...) without code changes.
 *
 * <pre>
 *   "LMCB" magic, int version (1), UTF name, int words, int dimension,
 *   words as UTF strings, then words x dimension big-endian float32 values
 * </pre>
 * The SHA-256 of the file is its identity (model cards and saved models record it); {@link #read}
 * can check it against an expected value.
 */
public final class CodebookPack {
    static final int MAGIC = 0x4C4D4342; // "LMCB"
    static final int VERSION = 1;

    private CodebookPack() {}

    public static byte[] encode(LanguageCodebook codebook) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(codebook.name());
            out.writeInt(codebook.size());
            out.writeInt(codebook.dimension());
            for (String w : codebook.words()) {
                out.writeUTF(w);
            }
            for (float v : codebook.table()) {
                out.writeFloat(v);
            }
        }
        return bytes.toByteArray();
    }

    /** Writes atomically; returns the SHA-256 of what was written. */
    public static String write(LanguageCodebook codebook, Path file) throws IOException {
        byte[] content = encode(codebook);
        AtomicFiles.write(content, file);
        return sha256(content);
    }

    public static LanguageCodebook read(InputStream stream, String source) throws IOException {
        byte[] content = stream.readAllBytes();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(source + " is not a codebook pack (no LMCB magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(source + ": codebook pack version " + version + ", this build reads " + VERSION);
            }
            String name = in.readUTF();
            int size = in.readInt();
            int dimension = in.readInt();
            List<String> words = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                words.add(in.readUTF());
            }
            float[] table = new float[size * dimension];
            for (int i = 0; i < table.length; i++) {
                table[i] = in.readFloat();
            }
            if (in.available() != 0) {
                throw new IOException(source + ": " + in.available() + " unexpected bytes after the embedding table");
            }
            return new LanguageCodebook(name, words, table, dimension);
        } catch (EOFException e) {
            throw new IOException(source + ": codebook pack ends early (truncated)", e);
        }
    }

    /** Reads and checks the file's SHA-256 against {@code expectedSha256}. */
    public static LanguageCodebook read(Path file, String expectedSha256) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String actual = sha256(content);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            throw new IOException(file + ": SHA-256 " + actual + " differs from the expected " + expectedSha256);
        }
        return read(new ByteArrayInputStream(content), file.toString());
    }

    public static String sha256(byte[] content) {
        return AtomicFiles.sha256(content);
    }
}
