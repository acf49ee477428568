package org.langmamba.imaging.dicom;

import java.nio.file.Path;

/** A file that did not become part of a series, and why, in words a user can act on. */
public record FileProblem(Path file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
