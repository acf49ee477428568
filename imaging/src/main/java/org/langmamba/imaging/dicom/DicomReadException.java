package org.langmamba.imaging.dicom;

/** A file that cannot become CT slices; the message is the reason shown to the user. */
public class DicomReadException extends Exception {
    public DicomReadException(String reason) {
        super(reason);
    }

    public DicomReadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
