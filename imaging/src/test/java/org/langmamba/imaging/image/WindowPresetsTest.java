package org.langmamba.imaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WindowPresetsTest {
    @Test
    void theShippedPresetsSitOnKeysOneToSix() {
        WindowPresets presets = WindowPresets.standard();
        assertThat(presets.all()).extracting(WindowPreset::key).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(presets.abdomen().window()).isEqualTo(new Window(40, 400));
        assertThat(presets.forKey(2).orElseThrow().window()).isEqualTo(new Window(90, 150));
        assertThat(presets.forKey(3).orElseThrow().name()).isEqualTo("Lung");
        assertThat(presets.forKey(3).orElseThrow().window()).isEqualTo(new Window(-600, 1500));
        assertThat(presets.forKey(4).orElseThrow().window()).isEqualTo(new Window(500, 2000));
        assertThat(presets.forKey(5).orElseThrow().window()).isEqualTo(new Window(40, 80));
        assertThat(presets.forKey(6).orElseThrow().window()).isEqualTo(new Window(50, 350));
    }

    @Test
    void aBadPresetLineIsNamedInTheError() {
        String bad = "1 = Abdomen ; 400 ; 40\n2 = Liver ; wide ; 90\n";
        assertThatThrownBy(() -> WindowPresets.parse(
                        new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "test.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.properties")
                .hasMessageContaining("'2'");
    }
}
