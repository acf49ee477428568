package org.langmamba.viewer.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.Window;

class SettingsStoreTest {
    @Test
    void noFileGivesTheDefaults(@TempDir Path dir) {
        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("settings.properties")).load();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().presets().all()).hasSize(6);
        assertThat(loaded.settings().device()).isEqualTo(DevicePreference.AUTO);
        assertThat(loaded.settings().defaultModel()).isEmpty();
    }

    @Test
    void savedSettingsComeBackAsTheyWere(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.properties"));
        WorkstationSettings edited = new SettingsForm(
                        "1 = Soft tissue ; 350 ; 45\n7 = Stroke ; 40 ; 35",
                        "RED-CNN",
                        DevicePreference.CPU,
                        dir.resolve("data").toString())
                .toSettings();
        store.save(edited);
        store.save(edited.withDefaultModel("LangMamba")); // over the first: replaced, not appended

        SettingsStore.Loaded back = store.load();
        assertThat(back.problem()).isEmpty();
        assertThat(back.settings().defaultModel()).isEqualTo("LangMamba");
        assertThat(back.settings().device()).isEqualTo(DevicePreference.CPU);
        assertThat(back.settings().dataFolder()).isEqualTo(dir.resolve("data"));
        assertThat(back.settings().modelsFolder()).isEqualTo(dir.resolve("data/models"));
        assertThat(back.settings().presets().forKey(7).orElseThrow().window()).isEqualTo(new Window(35, 40));
        assertThat(back.settings().presets().forKey(1).orElseThrow().name()).isEqualTo("Soft tissue");
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("settings.properties");
        }
    }

    @Test
    void aDamagedFileStartsWithTheDefaultsAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "device = TPU\npreset.1 = Abdomen ; 400 ; 40\n");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertThat(loaded.settings().device()).isEqualTo(DevicePreference.AUTO);
        assertThat(loaded.problem())
                .hasValueSatisfying(p -> assertThat(p).contains(file.toString()).contains("TPU"));

        Files.writeString(file, "preset.1 = Abdomen ; wide ; 40\n");
        assertThat(new SettingsStore(file).load().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("preset '1'"));
        assertThat(Files.readString(file))
                .as("the damaged file is kept for the user to see")
                .contains("wide");
    }

    @Test
    void theFormNamesTheWrongField() {
        String home = Path.of("/tmp/x").toAbsolutePath().toString();
        assertThatThrownBy(() -> new SettingsForm("2 = Liver ; 150 ; 90", "", DevicePreference.AUTO, home).toSettings())
                .hasMessageContaining("key 1");
        assertThatThrownBy(() -> new SettingsForm("1 = Abdomen ; 400", "", DevicePreference.AUTO, home).toSettings())
                .hasMessageContaining("preset '1'")
                .hasMessageContaining("name ; width ; level");
        assertThatThrownBy(() -> new SettingsForm("1 = Abdomen ; 400 ; 40", "", DevicePreference.AUTO, "relative/data")
                        .toSettings())
                .hasMessageContaining("data folder")
                .hasMessageContaining("full path");
    }
}
