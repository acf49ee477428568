package org.langmamba.imaging.dicom;

import java.nio.file.Path;

/** Where a slice came from: its file, the frame inside it (0 for single-frame), and its identity. */
public record SliceSource(Path file, int frame, String sopClassUid, String sopInstanceUid, int instanceNumber) {
    /** InstanceNumber when the file has none; such slices sort after numbered ones. */
    public static final int NO_INSTANCE_NUMBER = Integer.MAX_VALUE;
}
