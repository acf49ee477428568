package org.langmamba.viewer.tokens;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import javafx.beans.Observable;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.slice.SliceOverlay;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * Draws one level of a token pyramid over a pane: each cell filled with its word's (or tissue's)
 * colour at the chosen opacity and labelled with the word when the cell is big enough on screen to
 * read it; the searched word outlined in yellow, changed tokens (original vs denoised) in red.
 */
public final class TokenOverlayPainter implements SliceOverlay {
    private static final Color SEARCH = Color.rgb(255, 235, 0);
    private static final Color CHANGED = Color.rgb(255, 60, 60);
    private static final Color UNDER_CHANGED_COARSER = Color.rgb(255, 170, 60);
    /** Tissue colours follow the HU order of the lexicon: dark air to bright metal. */
    private static final Map<String, Color> TISSUE = Map.of(
            "air",
            Color.rgb(90, 90, 255),
            "lung",
            Color.rgb(0, 190, 255),
            "fat",
            Color.rgb(255, 220, 0),
            "fluid",
            Color.rgb(0, 220, 160),
            "soft-tissue",
            Color.rgb(255, 110, 90),
            "enhanced",
            Color.rgb(230, 0, 120),
            "bone",
            Color.rgb(245, 245, 245),
            "metal",
            Color.rgb(170, 170, 170));
    /** Below this on screen a word is not drawn (the hover read-out still gives it). */
    private static final double MIN_FONT = 8;

    private final TokenOverlayViewModel overlay;

    public TokenOverlayPainter(TokenOverlayViewModel overlay) {
        this.overlay = overlay;
    }

    @Override
    public List<Observable> changes() {
        return List.of(
                overlay.enabledProperty(),
                overlay.levelProperty(),
                overlay.colouringProperty(),
                overlay.opacityProperty(),
                overlay.searchProperty(),
                overlay.onlyWordsProperty(),
                overlay.changesOnlyProperty(),
                overlay.minMarginProperty(),
                overlay.revisionProperty());
    }

    @Override
    public boolean isShown() {
        return overlay.enabledProperty().get();
    }

    @Override
    public void hoverAt(SliceViewModel pane, double x, double y) {
        overlay.hoverAt(pane, x, y);
    }

    @Override
    public void paint(
            GraphicsContext g,
            SliceViewModel pane,
            DoubleUnaryOperator toScreenX,
            DoubleUnaryOperator toScreenY,
            double zoom) {
        paint(g, overlay, pane, toScreenX, toScreenY, zoom);
    }

    static void paint(
            GraphicsContext g,
            TokenOverlayViewModel overlay,
            SliceViewModel pane,
            DoubleUnaryOperator toScreenX,
            DoubleUnaryOperator toScreenY,
            double zoom) {
        Optional<SliceTokens.Level> shown = overlay.levelFor(pane);
        if (shown.isEmpty()) {
            if (pane.followsLinkedWindow() && pane.currentSlice() != null) {
                g.setFont(Font.font("SansSerif", 12));
                g.setTextAlign(TextAlignment.RIGHT);
                g.setTextBaseline(VPos.BOTTOM);
                g.setFill(Color.rgb(255, 236, 120));
                g.fillText(
                        "reading tokens…",
                        g.getCanvas().getWidth() - 8,
                        g.getCanvas().getHeight() - 6);
            }
            return;
        }
        SliceTokens.Level level = shown.get();
        TokenOverlayViewModel.CellChange[] changed =
                overlay.changesOnlyProperty().get() ? overlay.changedCells(pane).orElse(null) : null;
        double cell = level.cellSize() * zoom;
        double opacity = overlay.opacityProperty().get();
        int longest = level.words().stream().mapToInt(String::length).max().orElse(1);
        double fontSize = Math.min(16, cell * 0.9 / Math.max(3, longest) * 1.6);
        Font font = Font.font("SansSerif", FontWeight.BOLD, fontSize);
        g.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < level.rows(); r++) {
            for (int c = 0; c < level.columns(); c++) {
                int i = r * level.columns() + c;
                String word = level.words().get(i);
                TokenOverlayViewModel.CellChange change =
                        changed == null ? TokenOverlayViewModel.CellChange.SAME : changed[i];
                boolean isChanged = change == TokenOverlayViewModel.CellChange.CHANGED;
                if (!overlay.shows(word)
                        || !overlay.sureEnough(level, i)
                        || (changed != null && change == TokenOverlayViewModel.CellChange.SAME)) {
                    continue;
                }
                double x = toScreenX.applyAsDouble(c * level.cellSize());
                double y = toScreenY.applyAsDouble(r * level.cellSize());
                Color colour = overlay.colouringProperty().get() == TokenOverlayViewModel.Colouring.TISSUE
                        ? TISSUE.getOrDefault(level.tissue().get(i), Color.GRAY)
                        : wordColour(word);
                g.setFill(colour.deriveColor(0, 1, 1, opacity));
                g.fillRect(x, y, cell, cell);
                g.setStroke(Color.rgb(255, 255, 255, 0.35));
                g.setLineWidth(1);
                g.strokeRect(x, y, cell, cell);
                if (overlay.matchesSearch(word) || isChanged) {
                    g.setStroke(isChanged ? CHANGED : SEARCH);
                    g.setLineWidth(3);
                    g.strokeRect(x + 1.5, y + 1.5, cell - 3, cell - 3);
                } else if (change == TokenOverlayViewModel.CellChange.UNDER_CHANGED_COARSER_WORD) {
                    // Its word followed a coarser word that changed: dashed, so the eye goes to the red ones.
                    g.setStroke(UNDER_CHANGED_COARSER);
                    g.setLineWidth(1.5);
                    g.setLineDashes(4, 4);
                    g.strokeRect(x + 1.5, y + 1.5, cell - 3, cell - 3);
                    g.setLineDashes(null);
                }
                if (fontSize >= MIN_FONT) {
                    g.setFill(Color.rgb(0, 0, 0, 0.85));
                    g.fillText(word, x + cell / 2 + 1, y + cell / 2 + 1);
                    g.setFill(Color.WHITE);
                    g.fillText(word, x + cell / 2, y + cell / 2);
                }
            }
        }
    }

    /** A stable colour per word (the same word is the same colour on every slice and pane). */
    static Color wordColour(String word) {
        int h = word.hashCode();
        return Color.hsb(Math.floorMod(h, 360), 0.75, 0.95);
    }
}
