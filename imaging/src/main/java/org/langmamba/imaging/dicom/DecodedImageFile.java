package org.langmamba.imaging.dicom;

import java.util.List;

/**
 * One image file after decoding: the identifiers that group it into study and series, and its
 * frames as slices in modality units (HU for CT). Internal to the reader and the assembler.
 */
public record DecodedImageFile(
        String modality,
        String studyInstanceUid,
        Patient patient,
        String studyDate,
        String studyTime,
        String studyDescription,
        String accessionNumber,
        String studyId,
        String seriesInstanceUid,
        int seriesNumber,
        String seriesDescription,
        String frameOfReferenceUid,
        String derivation,
        String kernel,
        String bodyPart,
        List<CtSlice> frames) {}
