package org.langmamba.app;

import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;
import org.langmamba.imaging.image.Roi;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.DenoiseSeriesTask;
import org.langmamba.viewer.slice.SliceViewModel;
import org.langmamba.viewer.workstation.WorkstationView;

/** Applies the command line's {@code view} options (denoise, overlay, slice) and waits for the result to be on screen. */
final class StartViewSetup {
    private static final int MAX_WAIT_TICKS = 1200; // x 250 ms = 5 minutes

    private StartViewSetup() {}

    /** After the view-model has shown the loaded study (its own success handler runs after ours). */
    static void apply(WorkstationView view, WorkstationApp.StartView start) {
        Platform.runLater(() -> applyNow(view, start));
    }

    private static void applyNow(WorkstationView view, WorkstationApp.StartView start) {
        var model = view.model();
        if (start.slice() != null) {
            model.panes().get(0).showSlice(start.slice() - 1);
        }
        if (start.mpr()) {
            model.activePaneProperty().set(0);
            model.toggleMpr(true);
        }
        if (start.roi() != null) {
            // Drawn in pane A; the panes' link copies it to the others, as a user's ROI is.
            model.panes()
                    .get(0)
                    .roiProperty()
                    .set(Roi.Rectangle.between(start.roi()[0], start.roi()[1], start.roi()[2], start.roi()[3]));
        }
        if (start.denoise() != null) {
            DenoiseViewModel d = model.denoising().orElseThrow();
            d.models().stream()
                    .filter(m -> m.name().equalsIgnoreCase(start.denoise()) || m.id().equals(start.denoise()))
                    .findFirst()
                    .ifPresentOrElse(
                            d.modelProperty()::set,
                            () -> System.err.println("no model named '" + start.denoise() + "': using "
                                    + d.modelProperty().get()));
            d.differenceProperty().set(start.difference());
            d.denoise();
            if (start.compare() != null) {
                d.compareProperty()
                        .set(DenoiseViewModel.Compare.valueOf(start.compare().toUpperCase(Locale.ROOT)));
            }
        }
        if (start.tokenLevel() != null) {
            model.tokens().ifPresent(t -> {
                t.levelProperty().set(start.tokenLevel());
                t.changesOnlyProperty().set(start.tokenChanges());
                t.enabledProperty().set(true);
            });
        }
    }

    /** Runs {@code then} once denoising has finished and every shown pane has its overlay, after a last paint. */
    static void whenSettled(WorkstationView view, Runnable then) {
        Platform.runLater(() -> waitThen(view, then));
    }

    private static void waitThen(WorkstationView view, Runnable then) {
        PauseTransition tick = new PauseTransition(Duration.millis(250));
        int[] ticks = {0};
        tick.setOnFinished(e -> {
            if (settled(view) || ++ticks[0] > MAX_WAIT_TICKS) {
                PauseTransition paint = new PauseTransition(Duration.millis(800));
                paint.setOnFinished(x -> then.run());
                paint.play();
            } else {
                tick.playFromStart();
            }
        });
        tick.play();
    }

    private static boolean settled(WorkstationView view) {
        var model = view.model();
        DenoiseSeriesTask task =
                model.denoising().map(d -> d.taskProperty().get()).orElse(null);
        if (task != null && !task.isDone()) {
            return false;
        }
        return model.tokens()
                .map(t -> !t.enabledProperty().get()
                        || model.panes().subList(0, model.paneCountProperty().get()).stream()
                                .filter(SliceViewModel::followsLinkedWindow)
                                .allMatch(p -> p.currentSlice() == null
                                        || t.pyramidFor(p).isPresent()))
                .orElse(true);
    }
}
