package org.langmamba.training.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.langmamba.imaging.image.HuImage;

/**
 * Writes a paired data set into a new folder: each pair's slices as they come (so memory holds one
 * slice at a time), then, on {@link #finish}, the patient split and the manifest, written last and
 * atomically, so a folder with a manifest is always complete.
 */
public final class PairedDatasetWriter {
    private record Entry(
            String patient,
            String slice,
            int width,
            int height,
            double pixelSizeMm,
            String ldct,
            String ndct,
            double dose,
            String source) {}

    private final Path folder;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> ids = new LinkedHashSet<>();

    public PairedDatasetWriter(Path folder) throws IOException {
        if (Files.exists(folder.resolve(PairedDataset.MANIFEST))) {
            throw new FileAlreadyExistsException(
                    folder.toString(), null, "a data set exists there already; choose a new folder");
        }
        this.folder = folder;
        Files.createDirectories(folder);
    }

    /** Adds one pair of slices with pixels {@code pixelSizeMm} wide; ids must be unique within the patient. */
    public void add(
            String patientId,
            String sliceId,
            HuImage normalDose,
            HuImage lowDose,
            double pixelSizeMm,
            double dose,
            String source)
            throws IOException {
        if (!(pixelSizeMm > 0)) {
            throw new IllegalArgumentException(
                    "pair " + patientId + "/" + sliceId + ": pixel size must be positive, got " + pixelSizeMm);
        }
        if (normalDose.width() != lowDose.width() || normalDose.height() != lowDose.height()) {
            throw new IllegalArgumentException("pair " + patientId + "/" + sliceId + ": LDCT and NDCT differ in size");
        }
        String patient = safe(patientId);
        String slice = safe(sliceId);
        if (!ids.add(patient + "/" + slice)) {
            throw new IllegalArgumentException("pair " + patientId + "/" + sliceId + " added twice");
        }
        String ndct = "slices/" + patient + "/" + slice + "_ndct.f32";
        String ldct = "slices/" + patient + "/" + slice + "_ldct.f32";
        SliceFiles.write(normalDose.toArray(), folder.resolve(ndct));
        SliceFiles.write(lowDose.toArray(), folder.resolve(ldct));
        entries.add(new Entry(
                patientId, sliceId, normalDose.width(), normalDose.height(), pixelSizeMm, ldct, ndct, dose, source));
    }

    /** Splits by patient and writes the manifest; returns the data set as a reader sees it. */
    public PairedDataset finish(PatientSplitter splitter) throws IOException {
        Map<String, Split> splits =
                splitter.split(entries.stream().map(Entry::patient).toList());
        StringBuilder manifest = new StringBuilder(PairedDataset.HEADER).append('\n');
        for (Entry e : entries) {
            manifest.append(String.join(
                            "\t",
                            clean(e.patient()),
                            clean(e.slice()),
                            Integer.toString(e.width()),
                            Integer.toString(e.height()),
                            String.format(Locale.ROOT, "%.6f", e.pixelSizeMm()),
                            splits.get(e.patient()).name(),
                            e.ldct(),
                            e.ndct(),
                            String.format(Locale.ROOT, "%.4f", e.dose()),
                            clean(e.source())))
                    .append('\n');
        }
        SliceFiles.writeAtomically(
                manifest.toString().getBytes(StandardCharsets.UTF_8), folder.resolve(PairedDataset.MANIFEST));
        return PairedDataset.open(folder);
    }

    /** File-name-safe form of an id (patient IDs may hold anything). */
    static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "_" : s;
    }

    private static String clean(String field) {
        return field.replace('\t', ' ').replace('\n', ' ');
    }
}
