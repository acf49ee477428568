package org.langmamba.training.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.langmamba.inference.engine.GcStress;

/**
 * A one-line progress bar for training on the console: step, loss, steps per second and ETA,
 * redrawn in place on a terminal; on a pipe or log (no console) a plain line every tenth of the run.
 */
public final class ConsoleProgress implements TrainingListener {
    private static final int BAR = 30;
    private final PrintStream out;
    private final boolean gcStress;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private long firstStep = -1;
    private long lastPrinted = -1;

    public ConsoleProgress(PrintStream out) {
        this(out, false);
    }

    /** {@code gcStress}: a collection and a scribble over freed memory before every backward pass ({@code --gc-stress}). */
    public ConsoleProgress(PrintStream out, boolean gcStress) {
        this.out = out;
        this.gcStress = gcStress;
    }

    @Override
    public void beforeBackward() {
        if (gcStress) {
            GcStress.collectAndScribble();
        }
    }

    @Override
    public void step(long step, long total, double loss, double learningRate) {
        if (firstStep < 0) {
            firstStep = step - 1;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double perStep = elapsed / Math.max(1, step - firstStep);
        Duration eta = Duration.ofSeconds(Math.round(perStep * (total - step)));
        int filled = (int) (BAR * step / Math.max(1, total));
        String line = String.format(
                Locale.ROOT,
                "[%s%s] %d/%d  loss %.5f  lr %.2e  %.2f s/step  ETA %s",
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                step,
                total,
                loss,
                learningRate,
                perStep,
                format(eta));
        if (terminal) {
            out.print("\r" + line);
            if (step == total) {
                out.println();
            }
        } else if (step == total || lastPrinted < 0 || step - lastPrinted >= Math.max(1, total / 10)) {
            out.println(line);
            lastPrinted = step;
        }
        out.flush();
    }

    @Override
    public void message(String text) {
        if (terminal) {
            out.print("\r");
        }
        out.println(text);
    }

    static String format(Duration d) {
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }
}
