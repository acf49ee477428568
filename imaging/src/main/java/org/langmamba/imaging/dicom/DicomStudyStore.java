package org.langmamba.imaging.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * All the workstation asks of a DICOM toolkit: read CT studies, write a derived series.
 * The PixelMed implementation is the default (ADR 0002); a dcm4che one can replace it without
 * touching the viewer.
 */
public interface DicomStudyStore {

    /**
     * Reads CT studies from folders (recursively), single files or DICOMDIRs. Never throws for bad
     * files: each one is listed in {@link StudyLoad#problems()} with its reason.
     */
    StudyLoad read(List<Path> inputs, LoadMonitor monitor);

    /**
     * Writes {@code request}'s slices as a new series in a new folder {@code target}, which must not
     * exist yet: nothing the user has is overwritten. Returns the files written.
     */
    List<Path> writeDerivedSeries(DerivedSeriesRequest request, Path target) throws IOException;
}
