package org.langmamba.viewer.settings;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.WindowPresets;

/**
 * The settings as the dialog edits them, in text: presets one per line ({@code 1 = Abdomen ; 400 ; 40}),
 * the data folder as a path. {@link #toSettings()} says in words what is wrong, so the dialog can
 * keep the user's text and show the reason instead of closing.
 */
public record SettingsForm(String presets, String defaultModel, DevicePreference device, String dataFolder) {
    public static SettingsForm of(WorkstationSettings s) {
        String lines = s.presets().all().stream()
                .map(p -> p.key() + " = " + WindowPresets.format(p))
                .collect(Collectors.joining("\n"));
        return new SettingsForm(
                lines, s.defaultModel(), s.device(), s.dataFolder().toString());
    }

    /** The settings, or an IllegalArgumentException whose message names the wrong field and why. */
    public WorkstationSettings toSettings() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(presets));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("window presets: " + e.getMessage(), e);
        }
        WindowPresets parsed = WindowPresets.fromProperties(p, "window presets");
        if (dataFolder.isBlank()) {
            throw new IllegalArgumentException("data folder: empty");
        }
        Path folder;
        try {
            folder = Path.of(dataFolder.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("data folder: " + e.getMessage(), e);
        }
        if (!folder.isAbsolute()) {
            throw new IllegalArgumentException("data folder: give a full path, not '" + dataFolder.trim() + "'");
        }
        return new WorkstationSettings(parsed, defaultModel, device, folder);
    }
}
