package org.langmamba.imaging.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.langmamba.resources.SharedResources;

/**
 * The window presets, read from {@code config/window-presets.properties} in the shared resources
 * (configuration is data: a site changes a preset without touching code) and validated once.
 */
public final class WindowPresets {
    static final String RESOURCE = "config/window-presets.properties";

    private final List<WindowPreset> presets;

    WindowPresets(List<WindowPreset> presets) {
        this.presets = List.copyOf(presets);
    }

    /** The presets shipped with the workstation. */
    public static WindowPresets standard() {
        try (InputStream in = SharedResources.open(RESOURCE)) {
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read window presets " + RESOURCE, e);
        }
    }

    /** Parses lines {@code key = name ; width ; level}; any bad line fails with its key and reason. */
    static WindowPresets parse(InputStream in, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return fromProperties(properties, source);
    }

    /** Presets from properties {@code key = name ; width ; level}; a bad entry fails naming {@code source} and its key. */
    public static WindowPresets fromProperties(Properties properties, String source) {
        List<WindowPreset> result = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = properties.getProperty(key).split(";");
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected 'name ; width ; level'");
                }
                int k = Integer.parseInt(key.trim());
                double width = Double.parseDouble(parts[1].trim());
                double level = Double.parseDouble(parts[2].trim());
                result.add(new WindowPreset(k, parts[0].trim(), new Window(level, width)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": preset '" + key + "': " + e.getMessage(), e);
            }
        }
        result.sort(Comparator.comparingInt(WindowPreset::key));
        return new WindowPresets(result);
    }

    /** The same presets as properties values, the form {@link #fromProperties} reads. */
    public static String format(WindowPreset p) {
        return p.name() + " ; " + trim(p.window().width()) + " ; "
                + trim(p.window().level());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public List<WindowPreset> all() {
        return presets;
    }

    public Optional<WindowPreset> forKey(int key) {
        return presets.stream().filter(p -> p.key() == key).findFirst();
    }

    /** The abdominal preset (key 1), the default window and the paper's metric window. */
    public WindowPreset abdomen() {
        return forKey(1).orElseThrow(() -> new IllegalStateException("no preset on key 1"));
    }
}
