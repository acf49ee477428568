package org.langmamba.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.FileProblem;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;

/** Reads command-line inputs as the viewer does, telling the user on stderr what did not load. */
public final class SeriesInputs {
    record StudySeries(CtStudy study, CtSeries series) {
        String patientKey() {
            return SeriesInputs.patientKey(study);
        }
    }

    /** The patient a slice belongs to, for splitting by patient: PatientID, else name, else study. */
    public static String patientKey(CtStudy study) {
        if (!study.patient().id().isBlank()) {
            return study.patient().id();
        }
        return study.patient().name().isBlank()
                ? study.studyInstanceUid()
                : study.patient().name();
    }

    /** A slice id unique within a patient in a data set: two series of one patient may share a SeriesNumber. */
    public static String sliceId(CtSeries series, int index) {
        return String.format(
                Locale.ROOT,
                "s%d-%08x-%04d",
                series.seriesNumber(),
                series.seriesInstanceUid().hashCode(),
                index);
    }

    private SeriesInputs() {}

    /** The series read from some inputs, and the files that did not load (already named on stderr). */
    record Read(List<StudySeries> series, List<FileProblem> problems) {}

    static List<StudySeries> read(List<Path> inputs, String label) {
        return readAll(inputs, label).series();
    }

    static Read readAll(List<Path> inputs, String label) {
        StudyLoad load = new PixelMedStudyStore().read(inputs, new ConsoleProgress(label));
        load.problems().forEach(p -> System.err.println("  not loaded: " + p.file() + " — " + p.reason()));
        List<StudySeries> out = new ArrayList<>();
        for (CtStudy study : load.studies()) {
            for (CtSeries s : study.series()) {
                out.add(new StudySeries(study, s));
            }
        }
        return new Read(out, load.problems());
    }

    /** Stops when two series that must show one patient (a pair, a test and its reference) do not. */
    static void requireSamePatient(StudySeries a, StudySeries b, String roleA, String roleB) {
        if (!a.patientKey().equals(b.patientKey())) {
            throw new IllegalArgumentException(roleA + " '" + a.series().title() + "' is of patient " + a.patientKey()
                    + " but " + roleB + " '" + b.series().title() + "' is of patient " + b.patientKey());
        }
    }

    /** Exactly one series, or an error naming what was found. */
    static StudySeries single(List<Path> inputs, String role) {
        List<StudySeries> found = read(inputs, "Reading " + role);
        if (found.size() != 1) {
            StringBuilder message =
                    new StringBuilder(role + ": expected one CT series in " + inputs + ", found " + found.size());
            found.forEach(s -> message.append("\n  ")
                    .append(s.series().title())
                    .append(" [")
                    .append(s.series().seriesInstanceUid())
                    .append("]"));
            throw new IllegalArgumentException(message.toString());
        }
        return found.get(0);
    }
}
