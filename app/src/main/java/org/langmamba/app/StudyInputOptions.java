package org.langmamba.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.resources.SharedResources;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The study inputs of a command: folders, files or DICOMDIRs, and/or the bundled sample study. */
final class StudyInputOptions {
    @Parameters(
            arity = "0..*",
            paramLabel = "INPUT",
            description = "folders (read recursively), DICOM files or DICOMDIRs")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--sample", description = "read the bundled sample study (as well)")
    boolean sample;

    List<Path> paths() {
        List<Path> all = new ArrayList<>(inputs);
        if (sample) {
            all.add(SharedResources.sampleStudy());
        }
        return all;
    }
}
