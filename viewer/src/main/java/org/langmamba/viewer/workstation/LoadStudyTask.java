package org.langmamba.viewer.workstation;

import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;
import org.langmamba.imaging.dicom.DicomStudyStore;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.StudyLoad;

/** Reads studies off the FX thread, with progress, a message per file, and cancel. */
public final class LoadStudyTask extends Task<StudyLoad> {
    private final DicomStudyStore store;
    private final List<Path> inputs;

    public LoadStudyTask(DicomStudyStore store, List<Path> inputs) {
        this.store = store;
        this.inputs = List.copyOf(inputs);
        updateTitle("Loading study");
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
            public boolean isCancelled() {
                return LoadStudyTask.this.isCancelled();
            }
        });
    }
}
