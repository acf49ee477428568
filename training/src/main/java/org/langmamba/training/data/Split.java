package org.langmamba.training.data;

/** Which part of a data set a patient belongs to. Patients, never slices, are split. */
public enum Split {
    TRAIN,
    VALIDATION,
    TEST
}
