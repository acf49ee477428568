package org.langmamba.imaging.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DicomStudyStore} on PixelMed, the default toolkit (ADR 0002). */
public final class PixelMedStudyStore implements DicomStudyStore {
    private static final Logger LOG = LoggerFactory.getLogger(PixelMedStudyStore.class);

    private final PixelMedImageReader reader = new PixelMedImageReader();
    private final DerivedSeriesWriter writer = new DerivedSeriesWriter();

    @Override
    public StudyLoad read(List<Path> inputs, LoadMonitor monitor) {
        StudyInputCollector.Collected collected = new StudyInputCollector().collect(inputs);
        SeriesAssembler assembler = new SeriesAssembler();
        collected.problems().forEach(assembler::addProblem);
        List<Path> files = collected.files();
        int examined = 0;
        boolean cancelled = false;
        for (Path file : files) {
            if (monitor.isCancelled()) {
                cancelled = true;
                break;
            }
            monitor.progress(examined, files.size(), "Reading " + file.getFileName());
            try {
                assembler.add(file, reader.read(file));
            } catch (DicomReadException e) {
                LOG.debug("{} not loaded: {}", file, e.getMessage());
                assembler.addProblem(new FileProblem(file, e.getMessage()));
            } catch (RuntimeException | OutOfMemoryError e) {
                // Last line of defence: a toolkit bug on one file must not end the whole load.
                LOG.warn("unexpected failure reading {}", file, e);
                assembler.addProblem(new FileProblem(file, "unexpected error: " + e));
            }
            examined++;
        }
        monitor.progress(examined, files.size(), "Building series");
        StudyLoad load =
                new StudyLoad(assembler.studies(), assembler.problems(), assembler.notes(), examined, cancelled);
        LOG.info("loaded {}", load.summary());
        return load;
    }

    @Override
    public List<Path> writeDerivedSeries(DerivedSeriesRequest request, Path target) throws IOException {
        return writer.write(request, target);
    }

    /**
     * Staging folders directly in {@code folder} that a killed export left (hidden, never loaded as
     * series): what a user should delete.
     */
    public static List<Path> unfinishedExports(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(DerivedSeriesWriter::isStagingFolder).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
