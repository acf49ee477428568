package org.langmamba.viewer.settings;

import java.nio.file.Path;

/**
 * The per-user folder of the workstation: settings, logs, and by default the data folder
 * (fine-tuned models, training runs). {@code ~/.langmamba}, or the system property
 * {@code langmamba.home} (tests, and sites that keep user data elsewhere); the logging
 * configuration reads the same property.
 */
public final class WorkstationHome {
    public static final String PROPERTY = "langmamba.home";

    private WorkstationHome() {}

    public static Path folder() {
        String configured = System.getProperty(PROPERTY);
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".langmamba");
    }

    public static Path settingsFile() {
        return folder().resolve("settings.properties");
    }

    public static Path logs() {
        return folder().resolve("logs");
    }
}
