package org.langmamba.training.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data set of LDCT/NDCT pairs: a folder with {@code manifest.tsv} (one line per pair: patient,
 * slice, size, pixel size, split, files, dose, source) and the slices as float32 HU files beside it.
 * Only the manifest is read up front; pixels are read per pair when needed.
 */
public final class PairedDataset {
    public static final String MANIFEST = "manifest.tsv";
    static final String HEADER = "patient\tslice\twidth\theight\tpixel_mm\tsplit\tldct\tndct\tdose\tsource";

    private final Path folder;
    private final List<PairedSlice> pairs;

    private PairedDataset(Path folder, List<PairedSlice> pairs) {
        this.folder = folder;
        this.pairs = List.copyOf(pairs);
    }

    /** Opens a data set; a bad manifest line fails with its line number and reason. */
    public static PairedDataset open(Path folder) throws IOException {
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(folder + " is not a paired data set: no " + MANIFEST);
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(manifest + ": first line must be the header '" + HEADER + "'");
        }
        List<PairedSlice> pairs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            try {
                if (f.length != 10) {
                    throw new IllegalArgumentException("expected 10 tab-separated fields, found " + f.length);
                }
                pairs.add(new PairedSlice(
                        f[0],
                        f[1],
                        Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]),
                        Split.valueOf(f[5]),
                        folder.resolve(f[6]),
                        folder.resolve(f[7]),
                        Double.parseDouble(f[8]),
                        f[9]));
            } catch (IllegalArgumentException e) {
                throw new IOException(manifest + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PairedDataset(folder, pairs);
    }

    public List<PairedSlice> pairs() {
        return pairs;
    }

    public List<PairedSlice> pairs(Split split) {
        return pairs.stream().filter(p -> p.split() == split).toList();
    }

    /** Patients per split, e.g. for the wizard's "train 8 / validation 2" line. */
    public Map<Split, Long> patientCounts() {
        Map<Split, Long> counts = new TreeMap<>();
        for (Split s : Split.values()) {
            counts.put(
                    s, pairs(s).stream().map(PairedSlice::patientId).distinct().count());
        }
        return counts;
    }

    public String summary() {
        Map<Split, Long> patients = patientCounts();
        return String.format(
                Locale.ROOT,
                "%d pairs; train %d slices / %d patients, validation %d / %d, test %d / %d",
                pairs.size(),
                pairs(Split.TRAIN).size(),
                patients.get(Split.TRAIN),
                pairs(Split.VALIDATION).size(),
                patients.get(Split.VALIDATION),
                pairs(Split.TEST).size(),
                patients.get(Split.TEST));
    }

    public Path folder() {
        return folder;
    }
}
