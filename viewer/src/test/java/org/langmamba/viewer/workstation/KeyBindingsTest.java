package org.langmamba.viewer.workstation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.slice.SliceViewModelTest;

/** The keyboard table, with key events as the window would send them. */
class KeyBindingsTest {
    private final ViewerViewModel model = new ViewerViewModel(new PixelMedStudyStore(), WindowPresets.standard());
    private final KeyBindings keys = KeyBindings.standard(model, () -> {});

    private static KeyEvent pressed(KeyCode code, boolean shift) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false);
    }

    @Test
    void plusTypedAsShiftEqualsZoomsInAsEqualsAndPlusDo() {
        model.active().showSeries(SliceViewModelTest.series(3, Optional.empty()));
        double before = model.active().zoomProperty().get();

        keys.handle(pressed(KeyCode.EQUALS, true));
        double afterShiftEquals = model.active().zoomProperty().get();
        keys.handle(pressed(KeyCode.EQUALS, false));
        double afterEquals = model.active().zoomProperty().get();

        assertThat(afterShiftEquals).isGreaterThan(before);
        assertThat(afterEquals).isGreaterThan(afterShiftEquals);
    }

    @Test
    void minusZoomsOut() {
        model.active().showSeries(SliceViewModelTest.series(3, Optional.empty()));
        double before = model.active().zoomProperty().get();

        keys.handle(pressed(KeyCode.MINUS, false));

        assertThat(model.active().zoomProperty().get()).isLessThan(before);
    }
}
