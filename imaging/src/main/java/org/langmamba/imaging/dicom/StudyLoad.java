package org.langmamba.imaging.dicom;

import java.util.List;

/**
 * What a load produced: the studies that could be built, every file that could not be used with
 * its reason, and series-level notes (e.g. slices ordered by InstanceNumber). Errors are values
 * here, never exceptions, so one bad file never stops the rest of a series from loading.
 */
public record StudyLoad(
        List<CtStudy> studies, List<FileProblem> problems, List<String> notes, int filesExamined, boolean cancelled) {
    public StudyLoad {
        studies = List.copyOf(studies);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public List<CtSeries> allSeries() {
        return studies.stream().flatMap(s -> s.series().stream()).toList();
    }

    public int sliceCount() {
        return allSeries().stream().mapToInt(CtSeries::size).sum();
    }

    public boolean isEmpty() {
        return studies.isEmpty();
    }

    /** One line for a status bar, e.g. "2 series, 120 slices from 123 files; 3 files not loaded". */
    public String summary() {
        String text = allSeries().size() + " series, " + sliceCount() + " slices from " + filesExamined + " files";
        if (!problems.isEmpty()) {
            text += "; " + problems.size() + " not loaded";
        }
        return cancelled ? text + " (cancelled)" : text;
    }
}
