package org.langmamba.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.langmamba.imaging.dicom.PixelMedStudyStore;

/**
 * The new folder a command writes its results to, checked before any work is done: it must not
 * exist (nothing the user had is overwritten; a folder left by a killed run is named as such), its
 * nearest existing ancestor must be a writable folder, and that file system must have room for what
 * the command estimates it will write. It is made at once; a run that wrote nothing removes it again.
 */
final class OutputFolder {
    private final Path folder;

    private OutputFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * Checks and makes {@code folder} as a new output folder; an {@link IOException} names it and the
     * reason ({@link FileAlreadyExistsException}, a usage error, when it exists).
     */
    static OutputFolder create(Path folder) throws IOException {
        OutputFolder out = new OutputFolder(folder);
        if (Files.exists(out.folder)) {
            List<Path> unfinished = PixelMedStudyStore.unfinishedExports(out.folder);
            throw new FileAlreadyExistsException(
                    out.folder.toString(),
                    null,
                    "exists; results always go to a new folder"
                            + (unfinished.isEmpty()
                                    ? ""
                                    : " (it holds an unfinished series left by a killed run: " + unfinished.get(0)
                                            + "; delete " + out.folder + " or choose another folder)"));
        }
        Path ancestor = out.nearestExisting();
        if (!Files.isDirectory(ancestor)) {
            throw new IOException("cannot write " + out.folder + ": " + ancestor + " is not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new IOException("cannot write " + out.folder + ": " + ancestor + " is not writable");
        }
        try {
            // Made now, not at the first result: the only sure test that it can be written (root
            // passes every permission check, and /proc refuses root too).
            Files.createDirectories(out.folder);
        } catch (IOException e) {
            String why = Main.oneLine(e);
            String prefix = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
            throw new IOException(
                    "cannot write " + out.folder + ": "
                            + (why.startsWith(prefix) ? why.substring(prefix.length()) : why),
                    e);
        }
        return out;
    }

    /** Stops before any work when the file system has less room than {@code bytes}. */
    void requireSpace(long bytes) throws IOException {
        FileStore store = Files.getFileStore(nearestExisting());
        long usable = store.getUsableSpace();
        if (usable < bytes) {
            throw new IOException(
                    "cannot write " + folder + ": " + size(usable) + " free there, about " + size(bytes) + " needed");
        }
    }

    /** After a run that wrote nothing: removes the folder if it was made and is empty. */
    void removeIfEmpty() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException ignored) {
            // Best effort: an empty folder left behind is named in the failure message already.
        }
    }

    private static String size(long bytes) {
        return bytes >= 1e6
                ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
    }

    private Path nearestExisting() {
        Path p = folder;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }
}
