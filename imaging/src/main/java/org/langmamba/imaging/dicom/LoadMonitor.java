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

    boolean isCancelled();
}
