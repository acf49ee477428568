package org.langmamba.viewer.processing;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.DerivedSeriesRequest;
import org.langmamba.imaging.image.HuImage;

/**
 * How a denoised series is written as DICOM, the same from the workstation's Export action and from
 * the {@code denoise} command: what its SeriesDescription and DerivationDescription say (model and
 * version), its series number, and a new folder name that tells what is in it.
 */
public final class DenoisedExport {
    /** Denoised series are numbered after their source, far enough not to collide with acquired ones. */
    static final int SERIES_NUMBER_OFFSET = 1000;

    private static final int LO_LENGTH = 64;
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DenoisedExport() {}

    /**
     * The derived-series request for {@code images} denoised by {@code model}. De-identified copies
     * name the model but not the source series (its UID would lead back to the patient).
     */
    public static DerivedSeriesRequest request(
            CtStudy study, CtSeries source, List<HuImage> images, ModelChoice model, boolean deidentify) {
        String description =
                ("DENOISED " + model.name() + " " + (source.description() == null ? "" : source.description())).trim();
        String derivation = "Denoised by LangMamba Workstation, model " + model.label();
        if (!deidentify) {
            derivation += ": " + model.description() + ". Source series " + source.seriesInstanceUid() + ".";
        }
        return new DerivedSeriesRequest(
                study,
                source,
                images,
                description.length() > LO_LENGTH ? description.substring(0, LO_LENGTH) : description,
                derivation,
                source.seriesNumber() + SERIES_NUMBER_OFFSET,
                deidentify);
    }

    /** A folder name that says what is in it and is new: series, model, time to the second. */
    public static String folderName(CtSeries source, ModelChoice model, LocalDateTime now) {
        String series = source.title().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        String modelName = model.name().replaceAll("[^A-Za-z0-9._-]+", "_");
        return series + "_DENOISED_" + modelName + "_" + now.format(FOLDER_TIME);
    }
}
