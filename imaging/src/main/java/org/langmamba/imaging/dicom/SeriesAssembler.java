package org.langmamba.imaging.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds studies and series from decoded files: keeps CT, groups by StudyInstanceUID and
 * SeriesInstanceUID, sets aside slices whose matrix differs from the rest of their series, and
 * orders each series along the patient axis.
 */
final class SeriesAssembler {
    private final Map<String, List<DecodedImageFile>> byStudy = new LinkedHashMap<>();
    private final List<FileProblem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Adds a decoded file, or records why it is not part of any CT series. */
    void add(Path file, DecodedImageFile decoded) {
        if (!"CT".equalsIgnoreCase(decoded.modality())) {
            String modality = decoded.modality().isEmpty() ? "no Modality" : "modality " + decoded.modality();
            problems.add(new FileProblem(file, modality + ": the workstation reads CT only"));
            return;
        }
        String key = decoded.studyInstanceUid().isEmpty() ? "(no study UID)" : decoded.studyInstanceUid();
        byStudy.computeIfAbsent(key, k -> new ArrayList<>()).add(decoded);
    }

    void addProblem(FileProblem problem) {
        problems.add(problem);
    }

    List<FileProblem> problems() {
        return problems;
    }

    List<String> notes() {
        return notes;
    }

    List<CtStudy> studies() {
        List<CtStudy> studies = new ArrayList<>();
        for (List<DecodedImageFile> files : byStudy.values()) {
            DecodedImageFile first = files.get(0);
            Map<String, List<DecodedImageFile>> bySeries = new LinkedHashMap<>();
            for (DecodedImageFile f : files) {
                String key = f.seriesInstanceUid().isEmpty() ? "(no series UID)" : f.seriesInstanceUid();
                bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            }
            List<CtSeries> series = new ArrayList<>();
            for (List<DecodedImageFile> seriesFiles : bySeries.values()) {
                series.addAll(buildSeries(seriesFiles));
            }
            series.sort(Comparator.comparingInt(CtSeries::seriesNumber).thenComparing(CtSeries::description));
            studies.add(new CtStudy(
                    first.studyInstanceUid(),
                    first.patient(),
                    first.studyDate(),
                    first.studyTime(),
                    first.studyDescription(),
                    first.accessionNumber(),
                    first.studyId(),
                    series));
        }
        return studies;
    }

    /**
     * The series of one SeriesInstanceUID: usually one stack; several when its slices lie in more than
     * one orientation or repeat their positions ({@link StackSplitter}), each then with its own label
     * and a UID of its own (the series UID + ".9" + n: caches and exports must tell them apart).
     */
    private List<CtSeries> buildSeries(List<DecodedImageFile> files) {
        DecodedImageFile first = files.get(0);
        List<CtSlice> slices = withoutDuplicates(
                files.stream().flatMap(f -> f.frames().stream()).toList());
        List<CtSlice> kept = keepCommonMatrix(slices, first.seriesDescription());
        // Named as the study browser names it (#number), so a note can be matched to its row at a glance.
        String title = "series #" + first.seriesNumber() + " "
                + (first.seriesDescription().isEmpty() ? "(no description)" : "'" + first.seriesDescription() + "'");
        StackSplitter.Split split = StackSplitter.split(kept);
        if (!split.reason().isEmpty()) {
            notes.add(title + ": " + split.reason());
        }
        List<CtSeries> series = new ArrayList<>();
        for (int i = 0; i < split.stacks().size(); i++) {
            StackSplitter.Stack stack = split.stacks().get(i);
            String stackTitle = stack.label().isEmpty() ? title : title + " [" + stack.label() + "]";
            SliceSorter.Sorted sorted = SliceSorter.sort(stack.slices());
            if (sorted.ordering() != SliceOrdering.POSITION && stack.slices().size() > 1) {
                notes.add(stackTitle + ": slices ordered " + sorted.ordering().description());
            }
            CtSeries one = new CtSeries(
                    i == 0 ? first.seriesInstanceUid() : first.seriesInstanceUid() + ".9" + i,
                    first.seriesNumber(),
                    stack.label().isEmpty()
                            ? first.seriesDescription()
                            : (first.seriesDescription() + " [" + stack.label() + "]").trim(),
                    first.modality(),
                    first.frameOfReferenceUid(),
                    first.derivation(),
                    first.kernel(),
                    first.bodyPart(),
                    sorted.slices(),
                    sorted.ordering());
            // Loaded as stored, but said: distances along z and reformats of such a stack need care.
            List<String> caveats = one.stackGeometry().caveats();
            if (!caveats.isEmpty()) {
                notes.add(stackTitle + ": " + String.join("; ", caveats) + " (not corrected)");
            }
            series.add(one);
        }
        return series;
    }

    /**
     * The same image reached twice (a copied file, a folder opened with its DICOMDIR's copy) is
     * one slice: same SOPInstanceUID and frame. The first file found is kept.
     */
    private List<CtSlice> withoutDuplicates(List<CtSlice> slices) {
        Map<String, CtSlice> seen = new LinkedHashMap<>();
        List<CtSlice> unique = new ArrayList<>();
        for (CtSlice s : slices) {
            String uid = s.source().sopInstanceUid();
            if (uid.isEmpty()) {
                unique.add(s);
                continue;
            }
            CtSlice earlier = seen.putIfAbsent(uid + "#" + s.source().frame(), s);
            if (earlier == null) {
                unique.add(s);
            } else {
                problems.add(new FileProblem(
                        s.source().file(),
                        "duplicate of " + earlier.source().file() + " (same SOPInstanceUID), read once"));
            }
        }
        return unique;
    }

    /** The matrix most slices have wins; the others are reported, not silently resampled. */
    private List<CtSlice> keepCommonMatrix(List<CtSlice> slices, String seriesDescription) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CtSlice s : slices) {
            counts.merge(s.width() + "x" + s.height(), 1, Integer::sum);
        }
        if (counts.size() == 1) {
            return slices;
        }
        String common = counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        List<CtSlice> kept = new ArrayList<>();
        for (CtSlice s : slices) {
            String size = s.width() + "x" + s.height();
            if (size.equals(common)) {
                kept.add(s);
            } else {
                problems.add(new FileProblem(
                        s.source().file(),
                        "matrix " + size + " differs from the " + common + " of the other slices in series '"
                                + seriesDescription + "'"));
            }
        }
        return kept;
    }
}
