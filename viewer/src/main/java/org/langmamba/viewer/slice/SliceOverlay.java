package org.langmamba.viewer.slice;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javafx.beans.Observable;
import javafx.scene.canvas.GraphicsContext;

/**
 * Something a feature draws over a pane's slice, under the ROI and the text (the token overlay is
 * one). The pane knows only this: features depend on the slice package, never the other way.
 */
public interface SliceOverlay {
    /** What, when it changes, makes the pane redraw. */
    List<Observable> changes();

    boolean isShown();

    /** The mouse is over image position (x, y) of {@code pane} (a read-out of what lies there, say). */
    default void hoverAt(SliceViewModel pane, double x, double y) {}

    /** Draws over {@code pane}'s slice; image coordinates go to the screen through the two operators. */
    void paint(
            GraphicsContext g,
            SliceViewModel pane,
            DoubleUnaryOperator toScreenX,
            DoubleUnaryOperator toScreenY,
            double zoom);
}
