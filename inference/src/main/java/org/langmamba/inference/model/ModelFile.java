package org.langmamba.inference.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.inference.io.SealedFile;
import org.langmamba.inference.nn.NativeArrays;

/**
 * Weights with the architecture they belong to: "LMMD", version, the architecture (kind and
 * configuration, e.g. {@code seed compact(...) on langae compact(...)}), the SHA-256 of the
 * codebook it was trained with, then DJL's parameter stream. Loading into another architecture
 * stops with both descriptions instead of failing deep inside DJL; the file's own SHA-256 (returned
 * by {@link #save}) is what model cards and settings record. Written atomically. Version 2 files are
 * sealed ({@link SealedFile}): a damaged one is refused, naming the file, before DJL reads a byte of
 * it; version 1 files (no seal) are still read, and any failure inside them is "FILE is damaged".
 */
public final class ModelFile {
    static final int MAGIC = 0x4C4D4D44; // "LMMD"
    static final int VERSION = 2;
    private static final int UNSEALED_VERSION = 1;

    /** What a model file says about itself. */
    public record Header(String architecture, String codebookSha256) {}

    private ModelFile() {}

    /** Saves {@code block}'s parameters; returns the SHA-256 of the file. */
    public static String save(Block block, Header header, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(header.architecture());
            out.writeUTF(header.codebookSha256());
            block.saveParameters(out);
        }
        byte[] content = SealedFile.seal(bytes.toByteArray());
        AtomicFiles.write(content, file);
        return sha256(content);
    }

    /** Reads only the header, e.g. to list models. */
    public static Header header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return readHeader(in, file);
        }
    }

    /**
     * Loads parameters into {@code block} (built for {@code expected}); fails with a clear message when
     * the file is damaged, its checksum differs from {@code expectedSha256} (if given), or it was made
     * for another architecture or codebook.
     */
    public static void load(Block block, Header expected, Path file, String expectedSha256, NDManager manager)
            throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256(content))) {
            throw new IOException(
                    file + ": SHA-256 " + sha256(content) + " differs from the expected " + expectedSha256);
        }
        Header found = readHeader(new DataInputStream(new ByteArrayInputStream(content)), file);
        byte[] body = versionOf(content) == UNSEALED_VERSION ? content : SealedFile.open(content, file);
        if (!found.architecture().equals(expected.architecture())) {
            throw new IOException(file + " holds weights for '" + found.architecture() + "', not for '"
                    + expected.architecture() + "'");
        }
        if (!found.codebookSha256().equals(expected.codebookSha256())) {
            throw new IOException(file + " was trained with codebook " + found.codebookSha256() + ", not "
                    + expected.codebookSha256());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            readHeader(in, file);
            block.loadParameters(manager, in);
            NativeArrays.ownParameters(block);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new SealedFile.Damaged(file, "its weights cannot be read: " + SealedFile.reason(e));
        }
    }

    private static int versionOf(byte[] content) {
        return content.length < 8 ? -1 : ByteBuffer.wrap(content, 4, 4).getInt();
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a LangMamba model file");
            }
            int version = in.readInt();
            if (version != VERSION && version != UNSEALED_VERSION) {
                throw new IOException(file + ": model file version " + version + ", this build reads "
                        + UNSEALED_VERSION + " and " + VERSION);
            }
            return new Header(in.readUTF(), in.readUTF());
        } catch (EOFException e) {
            throw new SealedFile.Damaged(file, "ends early (truncated)");
        } catch (UTFDataFormatException e) {
            throw new SealedFile.Damaged(file, "its header is not readable text");
        }
    }

    public static String sha256(byte[] content) {
        return AtomicFiles.sha256(content);
    }
}
