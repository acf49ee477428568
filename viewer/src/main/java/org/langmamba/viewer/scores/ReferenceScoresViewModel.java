package org.langmamba.viewer.scores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.SeriesGeometry;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.dialogs.DialogService;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.SafeFiles;
import org.langmamba.viewer.processing.SliceScorer;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * PSNR / SSIM / FSIM of the original (pane A) and of the denoised slice against a reference series
 * (the normal-dose scan), in the window pane A shows: for the slice on screen at once (on a worker,
 * newest request wins) and for the whole series on request, which can also be saved as CSV.
 * Slices are matched by index; the reference must have the original's slice count and matrix.
 */
public final class ReferenceScoresViewModel {
    /** One slice's scores; {@code denoised} is null where that slice is not denoised (yet). */
    public record Row(int slice, SliceScorer.Scores original, SliceScorer.Scores denoised) {}

    private final PaneSet paneSet;
    private final Optional<DenoiseViewModel> denoising;
    private final SliceScorer scorer;
    private final ObjectProperty<CtSeries> reference = new SimpleObjectProperty<>(this, "reference");
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final StringProperty series = new SimpleStringProperty(this, "series", "");
    private final ReadOnlyObjectWrapper<List<Row>> seriesRows =
            new ReadOnlyObjectWrapper<>(this, "seriesRows", List.of());
    private final Executor worker;
    private final AtomicLong request = new AtomicLong();

    /** {@code denoising}: the viewer's denoising, whose series are scored beside the original, or null. */
    public ReferenceScoresViewModel(PaneSet paneSet, SliceScorer scorer, DenoiseViewModel denoising, Executor worker) {
        this.worker = worker;
        this.denoising = Optional.ofNullable(denoising);
        this.paneSet = paneSet;
        this.scorer = scorer;
        SliceViewModel a = paneSet.panes().get(0);
        SliceViewModel b = paneSet.panes().get(1);
        for (Observable o :
                new Observable[] {reference, a.currentSliceProperty(), a.windowProperty(), b.currentSliceProperty()}) {
            o.addListener(x -> scoreCurrentSlice());
        }
    }

    /** Why the reference cannot be compared with pane A's series, or empty when it can. */
    public Optional<String> mismatch() {
        CtSeries ref = reference.get();
        CtSeries original = paneSet.panes().get(0).seriesProperty().get();
        if (ref == null) {
            return Optional.of("right-click a series in the study browser: Use as reference (NDCT)");
        }
        if (original == null) {
            return Optional.of("no series in pane A");
        }
        if (original == ref) {
            // Scoring a series against itself gives PSNR Infinity: a result that looks like one but means nothing.
            return Optional.of(
                    "the reference '" + ref.title()
                            + "' is the series in pane A: show the low-dose series in pane A, or pick its normal-dose series as reference");
        }
        Optional<String> geometry = SeriesGeometry.mismatch(ref, original);
        if (geometry.isPresent()) {
            return Optional.of("cannot score against the reference: " + geometry.get());
        }
        if (ref.size() != original.size()) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "cannot score against the reference: '%s' has %d slices but pane A's '%s' has %d (slices are compared in order)",
                    ref.title(),
                    ref.size(),
                    original.title(),
                    original.size()));
        }
        return Optional.empty();
    }

    private Optional<DenoisedSeries> denoised() {
        CtSeries original = paneSet.panes().get(0).seriesProperty().get();
        return denoising.map(d -> d.shownProperty().get()).filter(d -> d.source() == original);
    }

    private void scoreCurrentSlice() {
        Optional<String> problem = mismatch();
        if (problem.isPresent()) {
            current.set(problem.get());
            return;
        }
        SliceViewModel a = paneSet.panes().get(0);
        int index = a.sliceIndexProperty().get();
        HuImage original = a.seriesProperty().get().slice(index).image();
        HuImage ref = reference.get().slice(index).image();
        HuImage clean = denoised().flatMap(d -> d.image(index)).orElse(null);
        Window window = a.windowProperty().get();
        long id = request.incrementAndGet();
        current.set("scoring slice " + (index + 1) + "…");
        worker.execute(() -> {
            if (id != request.get()) {
                return; // a newer slice or window was asked for meanwhile
            }
            Row row = new Row(
                    index,
                    scorer.score(original, ref, window),
                    clean == null ? null : scorer.score(clean, ref, window));
            Platform.runLater(() -> {
                if (id == request.get()) {
                    current.set("Slice " + (index + 1) + " in " + window.label() + "\n"
                            + describe(row.original(), row.denoised()));
                }
            });
        });
    }

    /** Scores every slice (original, and denoised where done) in the current window; the mean goes to {@link #seriesProperty()}. */
    public Task<List<Row>> scoreSeries() {
        Optional<String> problem = mismatch();
        if (problem.isPresent()) {
            series.set(problem.get());
            return null;
        }
        CtSeries original = paneSet.panes().get(0).seriesProperty().get();
        CtSeries ref = reference.get();
        DenoisedSeries clean = denoised().orElse(null);
        Window window = paneSet.panes().get(0).windowProperty().get();
        Task<List<Row>> task = new Task<>() {
            @Override
            protected List<Row> call() {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < original.size() && !isCancelled(); i++) {
                    HuImage d = clean == null ? null : clean.image(i).orElse(null);
                    rows.add(new Row(
                            i,
                            scorer.score(original.slice(i).image(), ref.slice(i).image(), window),
                            d == null ? null : scorer.score(d, ref.slice(i).image(), window)));
                    updateProgress(i + 1, original.size());
                    updateMessage("Scoring slice " + (i + 1) + " / " + original.size());
                }
                return rows;
            }
        };
        task.setOnSucceeded(e -> {
            seriesRows.set(task.getValue());
            series.set(summary(task.getValue(), window));
        });
        task.setOnFailed(
                e -> series.set("Scoring failed: " + task.getException().getMessage()));
        series.set("scoring the series…");
        worker.execute(task);
        return task;
    }

    static String summary(List<Row> rows, Window window) {
        double[] o = mean(rows.stream().map(Row::original).toList());
        List<SliceScorer.Scores> denoised =
                rows.stream().map(Row::denoised).filter(Objects::nonNull).toList();
        String text = String.format(
                Locale.ROOT,
                "Series (%d slices) in %s\noriginal  PSNR %.2f dB  SSIM %.4f  FSIM %.4f",
                rows.size(),
                window.label(),
                o[0],
                o[1],
                o[2]);
        if (!denoised.isEmpty()) {
            double[] d = mean(denoised);
            text += String.format(
                    Locale.ROOT,
                    "\ndenoised  PSNR %.2f dB  SSIM %.4f  FSIM %.4f  (%d slices)",
                    d[0],
                    d[1],
                    d[2],
                    denoised.size());
        }
        return text;
    }

    private static double[] mean(List<SliceScorer.Scores> scores) {
        double[] m = new double[3];
        for (SliceScorer.Scores s : scores) {
            m[0] += s.psnr() / scores.size();
            m[1] += s.ssim() / scores.size();
            m[2] += s.fsim() / scores.size();
        }
        return m;
    }

    private static String describe(SliceScorer.Scores original, SliceScorer.Scores denoised) {
        String text = String.format(
                Locale.ROOT,
                "original  PSNR %.2f dB  SSIM %.4f  FSIM %.4f",
                original.psnr(),
                original.ssim(),
                original.fsim());
        if (denoised != null) {
            text += String.format(
                    Locale.ROOT,
                    "\ndenoised  PSNR %.2f dB  SSIM %.4f  FSIM %.4f",
                    denoised.psnr(),
                    denoised.ssim(),
                    denoised.fsim());
        }
        return text;
    }

    /**
     * Asks where the series scores go and writes them there: the file written, or empty when cancelled
     * or when it could not be written (then shown with the reason).
     */
    public Optional<Path> writeCsvAsking(DialogService dialogs) {
        Optional<Path> file =
                dialogs.chooseNewFile("Save the series scores as CSV (a new file)", "langmamba-scores.csv");
        try {
            if (file.isPresent()) {
                writeCsv(file.get());
            }
            return file;
        } catch (IOException e) {
            dialogs.showError("The scores were not saved", e.getMessage());
            return Optional.empty();
        }
    }

    /** The last series scores as CSV (one row per slice), written to a new file atomically. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(
                "slice,original_psnr_db,original_ssim,original_fsim,denoised_psnr_db,denoised_ssim,denoised_fsim\n");
        for (Row r : seriesRows.get()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%.4f,%.6f,%.6f",
                    r.slice() + 1,
                    r.original().psnr(),
                    r.original().ssim(),
                    r.original().fsim()));
            csv.append(
                    r.denoised() == null
                            ? ",,,"
                            : String.format(
                                    Locale.ROOT,
                                    ",%.4f,%.6f,%.6f",
                                    r.denoised().psnr(),
                                    r.denoised().ssim(),
                                    r.denoised().fsim()));
            csv.append('\n');
        }
        SafeFiles.writeNew(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    public ObjectProperty<CtSeries> referenceProperty() {
        return reference;
    }

    public StringProperty currentProperty() {
        return current;
    }

    public StringProperty seriesProperty() {
        return series;
    }

    public ReadOnlyObjectProperty<List<Row>> seriesRowsProperty() {
        return seriesRows.getReadOnlyProperty();
    }
}
