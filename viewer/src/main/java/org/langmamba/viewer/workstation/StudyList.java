package org.langmamba.viewer.workstation;

import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.StudyLoad;

/**
 * The loaded series with their studies, as the study browser lists them: the one list the viewer
 * fills and denoising and export read (which study a series belongs to), so that no feature needs
 * the viewer's view-model to find it. FX thread.
 */
public final class StudyList {
    /** A series with the study it belongs to. */
    public record SeriesEntry(CtStudy study, CtSeries series) {}

    private final ObservableList<SeriesEntry> entries = FXCollections.observableArrayList();

    /** Replaces the list with {@code load}'s series, study by study. */
    void show(StudyLoad load) {
        entries.setAll(load.studies().stream()
                .flatMap(study -> study.series().stream().map(s -> new SeriesEntry(study, s)))
                .toList());
    }

    public ObservableList<SeriesEntry> entries() {
        return entries;
    }

    /** The loaded study {@code series} belongs to. */
    public Optional<CtStudy> studyOf(CtSeries series) {
        return entries.stream()
                .filter(e -> e.series() == series)
                .map(SeriesEntry::study)
                .findFirst();
    }
}
