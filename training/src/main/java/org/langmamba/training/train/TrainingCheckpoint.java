package org.langmamba.training.train;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.inference.io.SealedFile;
import org.langmamba.inference.nn.NativeArrays;

/**
 * Everything a run needs to continue exactly where it stopped: what was being trained (a
 * description that must match on resume), the number of steps done, and named binary sections
 * (model weights, optimiser moments, discriminator, history). Written to a temporary file and
 * moved over the old one ({@link AtomicFiles}), so a kill at any moment leaves either the previous
 * checkpoint or the new one, never half of one; sealed with its checksum ({@link SealedFile}), so a
 * file damaged afterwards is refused with its name and the reason before anything is read from it.
 */
public record TrainingCheckpoint(String description, long step, Map<String, byte[]> sections) {
    static final int MAGIC = 0x4C4D434B; // "LMCK"
    static final int VERSION = 2;

    public TrainingCheckpoint {
        sections = Map.copyOf(sections);
    }

    public byte[] section(String name) throws IOException {
        byte[] bytes = sections.get(name);
        if (bytes == null) {
            throw new IOException("checkpoint has no section '" + name + "'");
        }
        return bytes;
    }

    /**
     * The checkpoint a run in {@code runFolder} continues from: none in a new folder; the folder's
     * checkpoint when {@code resume} is set and it was written by a run described as {@code description};
     * otherwise a message that says what to do (nothing the user had is overwritten).
     */
    public static Optional<TrainingCheckpoint> toResume(
            Path runFolder, String fileName, boolean resume, String description) throws IOException {
        Path file = runFolder.resolve(fileName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!resume) {
            throw new IOException(
                    runFolder + " holds a checkpoint already: resume it (--resume) or choose a new folder");
        }
        TrainingCheckpoint checkpoint = read(file);
        if (!checkpoint.description().equals(description)) {
            throw new IOException("the checkpoint in " + runFolder + " is of another run ('" + checkpoint.description()
                    + "'), not '" + description + "'");
        }
        return Optional.of(checkpoint);
    }

    /** A block's parameters as bytes (DJL's parameter stream). */
    public static byte[] weightsOf(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /** Loads what {@link #weightsOf} wrote; a mismatch names the section. */
    public void loadWeights(String section, Block block, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(section(section)))) {
            block.loadParameters(manager, in);
            NativeArrays.ownParameters(block);
        } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
            throw new IOException(
                    "checkpoint section '" + section + "' does not fit the network: " + SealedFile.reason(e), e);
        }
        collectGradientsAgain(block);
    }

    /** DJL loads arrays without autograd: after a load, a block's trainable arrays must collect gradients again. */
    static void collectGradientsAgain(Block block) {
        for (var pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                pair.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Lines of text (loss history, validation lines) as a section. */
    public static byte[] lines(List<?> items) {
        StringBuilder text = new StringBuilder();
        for (Object item : items) {
            text.append(item).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public List<String> lines(String section) throws IOException {
        return new String(section(section), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(description);
            out.writeLong(step);
            out.writeInt(sections.size());
            for (Map.Entry<String, byte[]> e : new TreeMap<>(sections).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        }
        AtomicFiles.write(SealedFile.seal(bytes.toByteArray()), file);
    }

    /** Reads a checkpoint; a damaged or foreign file fails with the file's name and the reason. */
    public static TrainingCheckpoint read(Path file) throws IOException {
        byte[] sealed = Files.readAllBytes(file);
        if (sealed.length < 8 || ByteBuffer.wrap(sealed).getInt() != MAGIC) {
            throw new IOException(file + " is not a LangMamba training checkpoint");
        }
        int version = ByteBuffer.wrap(sealed, 4, 4).getInt();
        if (version != VERSION) {
            throw new IOException(file + ": checkpoint version " + version + ", this build reads " + VERSION);
        }
        byte[] content = SealedFile.open(sealed, file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            in.readInt();
            in.readInt();
            String description = in.readUTF();
            long step = in.readLong();
            int count = SealedFile.length(in.readInt(), in.available(), "its section count", file);
            Map<String, byte[]> sections = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] section =
                        new byte[SealedFile.length(in.readInt(), in.available(), "section '" + name + "'", file)];
                in.readFully(section);
                sections.put(name, section);
            }
            return new TrainingCheckpoint(description, step, sections);
        } catch (EOFException | UTFDataFormatException e) {
            throw new SealedFile.Damaged(file, SealedFile.reason(e));
        }
    }
}
