package org.langmamba.imaging.device;

import java.util.Locale;
import java.util.Optional;

/** Where the user wants the networks to run: a setting (Settings dialog, --device), never a device itself. */
public enum DevicePreference {
    /** The GPU when PyTorch sees one, else the CPU. */
    AUTO,
    CPU,
    /** The GPU, or a clear error when there is none. */
    GPU;

    /** The device this preference insists on; empty for AUTO. */
    public Optional<ComputeDevice> fixed() {
        return this == AUTO ? Optional.empty() : Optional.of(ComputeDevice.valueOf(name()));
    }

    /** The preference that insists on {@code device} (a device picked in the toolbar becomes the saved setting). */
    public static DevicePreference of(ComputeDevice device) {
        return valueOf(device.name());
    }

    public static DevicePreference parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("device must be AUTO, CPU or GPU, not '" + text + "'");
        }
    }
}
