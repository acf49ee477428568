package org.langmamba.imaging.dicom;

import java.util.List;

/** A study: one patient's examination, its CT series in SeriesNumber order. */
public record CtStudy(
        String studyInstanceUid,
        Patient patient,
        String studyDate,
        String studyTime,
        String description,
        String accessionNumber,
        String studyId,
        List<CtSeries> series) {
    public CtStudy {
        series = List.copyOf(series);
    }

    /** "2003-12-08" from DICOM's "20031208"; other forms are shown as they are. */
    public String displayDate() {
        if (studyDate != null && studyDate.matches("\\d{8}")) {
            return studyDate.substring(0, 4) + "-" + studyDate.substring(4, 6) + "-" + studyDate.substring(6);
        }
        return studyDate == null ? "" : studyDate;
    }
}
