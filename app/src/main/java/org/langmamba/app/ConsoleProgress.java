package org.langmamba.app;

import java.util.Locale;
import org.langmamba.imaging.dicom.LoadMonitor;

/** A one-line progress bar on stderr for command-line loads; silent when stderr is not a terminal. */
final class ConsoleProgress implements LoadMonitor {
    private static final int WIDTH = 30;
    private final String label;
    private final boolean interactive = System.console() != null;
    private int lastPercent = -1;

    ConsoleProgress(String label) {
        this.label = label;
    }

    @Override
    public void progress(long done, long total, String message) {
        int percent = total <= 0 ? 100 : (int) (100 * done / total);
        if (!interactive || percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        System.err.printf(
                Locale.ROOT,
                "\r%s [%s%s] %3d%% (%d/%d)",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                percent,
                done,
                total);
        if (done >= total) {
            System.err.println();
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
