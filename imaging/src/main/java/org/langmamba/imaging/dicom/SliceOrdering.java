package org.langmamba.imaging.dicom;

/** How a series' slices were put in order, shown in the load report so a reader can trust it. */
public enum SliceOrdering {
    /** ImagePositionPatient projected on the slice normal: the DICOM-correct order. */
    POSITION("by position along the slice normal"),
    /** InstanceNumber, when positions or orientation are missing or inconsistent. */
    INSTANCE_NUMBER("by InstanceNumber (positions missing or inconsistent)"),
    /** Neither is available: the order the files were found in. */
    FILE_ORDER("in file order (no position, no InstanceNumber)");

    private final String description;

    SliceOrdering(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
