package org.langmamba.viewer.workstation;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every keyboard shortcut of the viewer, in one table: a new binding is one line here.
 * Keys act on the active pane; locked panes follow through {@link PaneLink}.
 */
public final class KeyBindings {
    private final Map<KeyCombination, Runnable> bindings = new LinkedHashMap<>();

    /** Binds the standard keys to the actions of {@code model} and {@code view}. */
    public static KeyBindings standard(ViewerViewModel model, Runnable fitActive) {
        KeyBindings keys = new KeyBindings();
        for (int preset = 1; preset <= 6; preset++) {
            int p = preset;
            keys.bind(KeyCode.valueOf("DIGIT" + p), () -> model.active().applyPreset(p));
            keys.bind(KeyCode.valueOf("NUMPAD" + p), () -> model.active().applyPreset(p));
        }
        keys.bind(KeyCode.UP, () -> model.active().scrollBy(-1));
        keys.bind(KeyCode.LEFT, () -> model.active().scrollBy(-1));
        keys.bind(KeyCode.DOWN, () -> model.active().scrollBy(1));
        keys.bind(KeyCode.RIGHT, () -> model.active().scrollBy(1));
        keys.bind(KeyCode.PAGE_UP, () -> model.active().pageBy(-1));
        keys.bind(KeyCode.PAGE_DOWN, () -> model.active().pageBy(1));
        keys.bind(KeyCode.HOME, () -> model.active().firstSlice());
        keys.bind(KeyCode.END, () -> model.active().lastSlice());
        // "+" is Shift+= on most layouts: the zoom keys work with or without Shift.
        keys.bindWithOrWithoutShift(KeyCode.PLUS, () -> model.active().zoomBy(1.25));
        keys.bind(KeyCode.ADD, () -> model.active().zoomBy(1.25));
        keys.bindWithOrWithoutShift(KeyCode.EQUALS, () -> model.active().zoomBy(1.25));
        keys.bind(KeyCode.MINUS, () -> model.active().zoomBy(0.8));
        keys.bind(KeyCode.SUBTRACT, () -> model.active().zoomBy(0.8));
        keys.bind(KeyCode.F, fitActive);
        keys.bind(KeyCode.A, () -> model.active().actualSize());
        keys.bind(KeyCode.C, model::toggleCine);
        keys.bind(KeyCode.SPACE, model::toggleCine);
        model.denoising().ifPresent(d -> keys.bind(KeyCode.D, d::denoise));
        model.tokens()
                .ifPresent(t -> keys.bind(
                        KeyCode.T,
                        () -> t.enabledProperty().set(!t.enabledProperty().get())));
        keys.bind(
                KeyCode.L,
                () -> model.link()
                        .lockedProperty()
                        .set(!model.link().lockedProperty().get()));
        keys.bind(KeyCode.M, () -> model.toggleMpr(!model.mpr().activeProperty().get()));
        keys.bind(KeyCode.N, model::toggleMprVolume);
        keys.bind(KeyCode.ESCAPE, () -> {
            model.active().roiProperty().set(null);
            model.active().lineProperty().set(null);
        });
        keys.bind(
                KeyCode.TAB,
                () -> model.activePaneProperty()
                        .set((model.activePaneProperty().get() + 1)
                                % model.paneCountProperty().get()));
        return keys;
    }

    public void bind(KeyCode code, Runnable action) {
        bindings.put(new KeyCodeCombination(code), action);
    }

    /** The same key whether Shift is held or not (a character that needs Shift on some layouts). */
    public void bindWithOrWithoutShift(KeyCode code, Runnable action) {
        bindings.put(new KeyCodeCombination(code, KeyCombination.SHIFT_ANY), action);
    }

    /** Runs the action bound to {@code event}, if any, and consumes the event. */
    public void handle(KeyEvent event) {
        for (Map.Entry<KeyCombination, Runnable> binding : bindings.entrySet()) {
            if (binding.getKey().match(event)) {
                binding.getValue().run();
                event.consume();
                return;
            }
        }
    }
}
