package org.langmamba.viewer.workstation;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.StudyLoad;

/**
 * Reads studies off the FX thread, with progress, a message per file, cancel, and the first slice
 * handed to {@code firstSlice} on the FX thread as soon as it is decoded.
 */
public final class LoadStudyTask extends Task<StudyLoad> {
    private final DicomStudyStore store;
    private final List<Path> inputs;
    private volatile Consumer<CtSeries> onFirstSlice = preview -> {};

    public LoadStudyTask(DicomStudyStore store, List<Path> inputs) {
        this.store = store;
        this.inputs = List.copyOf(inputs);
        updateTitle("Loading study");
    }

    /** What to do with the first slice (on the FX thread); set before the task runs. */
    public void setOnFirstSlice(Consumer<CtSeries> firstSlice) {
        this.onFirstSlice = firstSlice;
    }

    @Override
    protected StudyLoad call() {
        return store.read(inputs, new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                updateProgress(done, Math.max(1, total));
                updateMessage(message);
            }

            @Override
            public void firstSlice(CtSeries preview) {
                // Queued before the task's own completion, so it always runs before the finished load is shown.
                if (Platform.isFxApplicationThread()) {
                    onFirstSlice.accept(preview);
                } else {
                    Platform.runLater(() -> onFirstSlice.accept(preview));
                }
            }

            @Override
            public boolean isCancelled() {
                return LoadStudyTask.this.isCancelled();
            }
        });
    }
}
