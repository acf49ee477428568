package org.langmamba.imaging.dicom;

/** Progress and cancellation for a long load, so a JavaFX Task (or a console bar) can follow it. */
public interface LoadMonitor {
    LoadMonitor NONE = new LoadMonitor() {
        @Override
        public void progress(long done, long total, String message) {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    void progress(long done, long total, String message);

    /**
     * The first CT image decoded, as a series of that one slice, as soon as it is: a viewer shows it
     * while the rest of the load goes on (a 300-slice JPEG 2000 series takes seconds). Called at most
     * once, from the thread that called {@link DicomStudyStore#read}; the finished load replaces it.
     */
    default void firstSlice(CtSeries preview) {}

    boolean isCancelled();
}
