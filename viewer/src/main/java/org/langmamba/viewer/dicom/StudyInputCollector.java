package org.langmamba.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomDirectory;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what the user opened (folders, files, DICOMDIRs) into the list of files to read.
 * Folders are walked recursively in name order; a DICOMDIR contributes the files it references.
 * Files are listed once even when reached twice (a folder and the DICOMDIR inside it).
 */
final class StudyInputCollector {

    record Collected(List<Path> files, List<FileProblem> problems) {
    }

    Collected collect(List<Path> inputs) {
        Set<Path> files = new LinkedHashSet<>();
        List<FileProblem> problems = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                problems.add(new FileProblem(input, "does not exist"));
            } else if (Files.isDirectory(input)) {
                walk(input, files, problems);
            } else if (isDicomDir(input)) {
                addDicomDirReferences(input, files, problems);
            } else {
                files.add(normalise(input));
            }
        }
        return new Collected(List.copyOf(files), problems);
    }

    private static void walk(Path folder, Set<Path> files, List<FileProblem> problems) {
        try (Stream<Path> walk = Files.walk(folder)) {
            // A DICOMDIR met here is read like any file and reported as an index: its images are in
            // this folder already and must not be read twice.
            walk.filter(Files::isRegularFile)
                    .sorted()
                    .forEach(p -> files.add(normalise(p)));
        } catch (IOException | UncheckedIOException e) {
            problems.add(new FileProblem(folder, "cannot list folder: " + e.getMessage()));
        }
    }

    private static void addDicomDirReferences(Path dicomDir, Set<Path> files, List<FileProblem> problems) {
        try {
            AttributeList list = PixelMedImageReader.readAttributes(dicomDir);
            DicomDirectory directory = new DicomDirectory(list);
            Path base = dicomDir.toAbsolutePath().getParent();
            List<String> names = new ArrayList<>(directory.findAllContainedReferencedFileNames(base.toString()));
            if (names.isEmpty()) {
                problems.add(new FileProblem(dicomDir, "DICOMDIR lists no image files"));
            }
            names.sort(null);
            for (String name : names) {
                Path file = resolveReferencedFile(base, name);
                if (file == null) {
                    problems.add(new FileProblem(base.resolve(name), "listed in DICOMDIR but missing on disk"));
                } else {
                    files.add(normalise(file));
                }
            }
        } catch (DicomReadException | DicomException | RuntimeException e) {
            problems.add(new FileProblem(dicomDir, "DICOMDIR unreadable: " + e.getMessage()));
        }
    }

    /** Media written on Windows or by old tools differ in case from the DICOMDIR's upper-case IDs. */
    private static Path resolveReferencedFile(Path base, String name) {
        Path direct = Path.of(name).isAbsolute() ? Path.of(name) : base.resolve(name);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path lower = base.resolve(base.relativize(direct).toString().toLowerCase(java.util.Locale.ROOT));
        return Files.isRegularFile(lower) ? lower : null;
    }

    static boolean isDicomDir(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }

    private static Path normalise(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
