package org.langmamba.imaging.device;

import java.util.Locale;

/**
 * Where the networks run. The one device type of the workstation: the viewer, the wizard, the
 * command line and training all speak it, and only the inference engine maps it to DJL's device.
 * "Let the machine choose" is not a device but a preference ({@link DevicePreference#AUTO}).
 */
public enum ComputeDevice {
    CPU,
    /** The first NVIDIA GPU PyTorch sees. */
    GPU;

    /** "CPU" or "GPU" in any case, as saved in a run's settings. */
    public static ComputeDevice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("device must be CPU or GPU, not '" + text + "'");
        }
    }
}
