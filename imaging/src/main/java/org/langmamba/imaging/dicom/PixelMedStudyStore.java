package org.langmamba.imaging.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DicomStudyStore} on PixelMed, the default toolkit (ADR 0002). */
public final class PixelMedStudyStore implements DicomStudyStore {
    private static final Logger LOG = LoggerFactory.getLogger(PixelMedStudyStore.class);

    private final PixelMedImageReader reader = new PixelMedImageReader();
    private final DerivedSeriesWriter writer = new DerivedSeriesWriter();
    private final int threads;

    /** Decodes on as many threads as the machine has cores (JPEG 2000 decoding is CPU-bound). */
    public PixelMedStudyStore() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Decodes on {@code threads} threads; 1 reads file after file on the calling thread. */
    public PixelMedStudyStore(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** One file's outcome: its decoded image or why not. */
    private record Outcome(Path file, DecodedImageFile image, FileProblem problem) {}

    @Override
    public StudyLoad read(List<Path> inputs, LoadMonitor monitor) {
        StudyInputCollector.Collected collected = new StudyInputCollector().collect(inputs);
        SeriesAssembler assembler = new SeriesAssembler();
        collected.problems().forEach(assembler::addProblem);
        List<Path> files = collected.files();
        AtomicBoolean cancelled = new AtomicBoolean();
        // Files are decoded in parallel but assembled here, in their own order, so a load is the same
        // whatever the thread count (slice order ties, duplicate files: the first one found wins), and
        // the monitor hears only from this thread.
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemon());
        int examined = 0;
        boolean previewed = false;
        try {
            List<Supplier<Outcome>> outcomes = new ArrayList<>();
            for (Path file : files) {
                if (pool == null) {
                    outcomes.add(() -> decode(file, cancelled, monitor));
                } else {
                    Future<Outcome> decoding = pool.submit(() -> decode(file, cancelled, monitor));
                    outcomes.add(() -> await(decoding));
                }
            }
            for (int i = 0; i < files.size(); i++) {
                if (monitor.isCancelled()) {
                    cancelled.set(true);
                }
                if (cancelled.get()) {
                    break;
                }
                monitor.progress(
                        examined, files.size(), "Reading " + files.get(i).getFileName());
                Outcome o = outcomes.get(i).get();
                if (o == null) {
                    break; // cancelled before it was read
                }
                if (o.image() != null) {
                    assembler.add(o.file(), o.image());
                    if (!previewed) {
                        previewed = preview(o, monitor);
                    }
                } else {
                    assembler.addProblem(o.problem());
                }
                examined++;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        monitor.progress(examined, files.size(), "Building series");
        StudyLoad load =
                new StudyLoad(assembler.studies(), assembler.problems(), assembler.notes(), examined, cancelled.get());
        LOG.info("loaded {}", load.summary());
        return load;
    }

    /** Offers the monitor {@code decoded} as a one-slice series; false when it is no CT image. */
    private static boolean preview(Outcome decoded, LoadMonitor monitor) {
        SeriesAssembler single = new SeriesAssembler();
        single.add(decoded.file(), decoded.image());
        List<CtStudy> studies = single.studies();
        if (studies.isEmpty() || studies.get(0).series().isEmpty()) {
            return false;
        }
        monitor.firstSlice(studies.get(0).series().get(0));
        return true;
    }

    /** One file decoded, or why not; null once the load is cancelled (then nothing more is read). */
    private Outcome decode(Path file, AtomicBoolean cancelled, LoadMonitor monitor) {
        if (cancelled.get() || monitor.isCancelled()) {
            cancelled.set(true);
            return null;
        }
        try {
            return new Outcome(file, reader.read(file), null);
        } catch (DicomReadException e) {
            LOG.debug("{} not loaded: {}", file, e.getMessage());
            return new Outcome(file, null, new FileProblem(file, e.getMessage()));
        } catch (RuntimeException | OutOfMemoryError e) {
            // Last line of defence: a toolkit bug on one file must not end the whole load.
            LOG.warn("unexpected failure reading {}", file, e);
            return new Outcome(file, null, new FileProblem(file, "unexpected error: " + e));
        }
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding failed outside the per-file guard", e.getCause());
        }
    }

    private static ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dicom-decoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
