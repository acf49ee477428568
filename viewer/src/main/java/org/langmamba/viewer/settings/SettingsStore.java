package org.langmamba.viewer.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.WindowPreset;
import org.langmamba.imaging.image.WindowPresets;

/**
 * Reads and writes {@link WorkstationSettings} as a properties file a site engineer can also edit
 * by hand. Written to a temporary file and moved over the old one, so a crash never leaves half a
 * file. A damaged file does not stop the workstation: it starts with the defaults and says why
 * ({@link Loaded#problem()}); the damaged file is kept until the user saves new settings.
 */
public final class SettingsStore {
    private static final String PRESET = "preset.";

    /** Settings read, and why the file could not be used when it could not. */
    public record Loaded(WorkstationSettings settings, Optional<String> problem) {}

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store of the user's home folder ({@link WorkstationHome}). */
    public static SettingsStore forUser() {
        return new SettingsStore(WorkstationHome.settingsFile());
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        WorkstationSettings defaults = WorkstationSettings.defaults();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults, Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(
                    defaults, Optional.of(file + ": cannot be read (" + e.getMessage() + "); using the defaults"));
        }
        try {
            Properties presets = new Properties();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(PRESET)) {
                    presets.setProperty(key.substring(PRESET.length()), p.getProperty(key));
                }
            }
            return new Loaded(
                    new WorkstationSettings(
                            presets.isEmpty()
                                    ? defaults.presets()
                                    : WindowPresets.fromProperties(presets, file.toString()),
                            p.getProperty("default.model", ""),
                            DevicePreference.parse(p.getProperty("device", "AUTO")),
                            Path.of(p.getProperty(
                                    "data.folder", defaults.dataFolder().toString()))),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Loaded(defaults, Optional.of(file + ": " + e.getMessage() + "; using the defaults"));
        }
    }

    public void save(WorkstationSettings settings) throws IOException {
        Properties p = new Properties();
        p.setProperty("default.model", settings.defaultModel());
        p.setProperty("device", settings.device().name());
        p.setProperty("data.folder", settings.dataFolder().toString());
        for (WindowPreset preset : settings.presets().all()) {
            p.setProperty(PRESET + preset.key(), WindowPresets.format(preset));
        }
        StringWriter text = new StringWriter();
        p.store(text, "LangMamba Workstation settings (preset.N = name ; width HU ; level HU)");
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".settings", ".part");
        try {
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
