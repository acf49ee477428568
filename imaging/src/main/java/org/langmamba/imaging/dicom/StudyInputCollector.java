package org.langmamba.imaging.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomDirectory;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what the user opened (folders, files, DICOMDIRs) into the list of files to read.
 * Folders are walked recursively in name order; a DICOMDIR contributes the files it references.
 * Files are listed once even when reached twice (a folder and the DICOMDIR inside it).
 */
final class StudyInputCollector {

    record Collected(List<Path> files, List<FileProblem> problems) {}

    Collected collect(List<Path> inputs) {
        Set<Path> files = new LinkedHashSet<>();
        List<FileProblem> problems = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                problems.add(new FileProblem(
                        input, Files.isSymbolicLink(input) ? "symbolic link to nothing" : "does not exist"));
            } else if (DerivedSeriesWriter.isStagingFolder(input)) {
                problems.add(stagingProblem(input));
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

    /**
     * Every regular file under {@code folder}, following symbolic links (a folder given as a link is
     * a folder), in name order. A link loop, an unreadable entry or an export's hidden staging folder
     * (an interrupted write, never a series) is reported and the walk goes on.
     */
    private static void walk(Path folder, Set<Path> files, List<FileProblem> problems) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(
                    folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            if (DerivedSeriesWriter.isStagingFolder(dir)) {
                                problems.add(stagingProblem(dir));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            // A DICOMDIR met here is read like any file and reported as an index: its images
                            // are in this folder already and must not be read twice.
                            if (attributes.isRegularFile()) {
                                found.add(normalise(file));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            problems.add(new FileProblem(
                                    file,
                                    e instanceof FileSystemLoopException
                                            ? "symbolic link loop: not followed"
                                            : "cannot read: "
                                                    + (e.getMessage() == null
                                                            ? e.getClass().getSimpleName()
                                                            : e.getMessage())));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            problems.add(new FileProblem(folder, "cannot list folder: " + e.getMessage()));
        }
        found.sort(null);
        files.addAll(found);
    }

    private static FileProblem stagingProblem(Path folder) {
        return new FileProblem(
                folder,
                "unfinished export left by an interrupted write (hidden staging folder): " + "not loaded; delete it");
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
        Path lower = base.resolve(base.relativize(direct).toString().toLowerCase(Locale.ROOT));
        return Files.isRegularFile(lower) ? lower : null;
    }

    static boolean isDicomDir(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }

    private static Path normalise(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
