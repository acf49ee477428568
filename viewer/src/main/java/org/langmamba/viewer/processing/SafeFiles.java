package org.langmamba.viewer.processing;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Exports from the viewer: written to a temporary file beside the target, then moved; never over a file. */
public final class SafeFiles {
    private SafeFiles() {}

    public static void writeNew(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "exports never replace a file");
        }
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
