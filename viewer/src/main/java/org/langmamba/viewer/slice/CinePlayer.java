package org.langmamba.viewer.slice;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.util.Duration;

/** Cine: steps a pane through its slices at a chosen rate, wrapping from the last to the first. */
public final class CinePlayer {
    public static final int MIN_FPS = 1;
    public static final int MAX_FPS = 60;

    private final IntegerProperty framesPerSecond = new SimpleIntegerProperty(this, "framesPerSecond", 10);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final Timeline timeline = new Timeline();
    private SliceViewModel pane;

    public CinePlayer() {
        timeline.setCycleCount(Timeline.INDEFINITE);
        framesPerSecond.addListener((obs, old, fps) -> {
            if (playing.get()) {
                restart();
            }
        });
        playing.addListener((obs, was, now) -> {
            if (now) {
                restart();
            } else {
                timeline.stop();
            }
        });
    }

    /** Plays {@code target}; the cine follows whichever pane was active when play was pressed. */
    public void play(SliceViewModel target) {
        pane = target;
        playing.set(target.sliceCount() > 1);
    }

    public void stop() {
        playing.set(false);
    }

    /** One cine step; public so a test can step without waiting for the clock. */
    public void step() {
        if (pane == null || !pane.hasSeries()) {
            return;
        }
        int next = pane.sliceIndexProperty().get() + 1;
        pane.showSlice(next >= pane.sliceCount() ? 0 : next);
    }

    private void restart() {
        timeline.stop();
        int fps = Math.max(MIN_FPS, Math.min(MAX_FPS, framesPerSecond.get()));
        timeline.getKeyFrames().setAll(new KeyFrame(Duration.millis(1000.0 / fps), e -> step()));
        timeline.play();
    }

    public IntegerProperty framesPerSecondProperty() {
        return framesPerSecond;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }
}
