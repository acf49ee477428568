package org.langmamba.imaging.dicom;

/** The patient a study belongs to, as written in the files (names in DICOM PN form, e.g. "Doe^Jane"). */
public record Patient(String name, String id, String birthDate, String sex) {
    /** "Doe, Jane" from "Doe^Jane": the PN caret form is not for reading. */
    public String displayName() {
        if (name == null || name.isBlank()) {
            return "(no name)";
        }
        String[] parts = name.split("\\^");
        return parts.length > 1 && !parts[1].isBlank() ? parts[0] + ", " + parts[1] : parts[0];
    }
}
