package org.langmamba.viewer.settings;

import java.nio.file.Path;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.WindowPresets;

/**
 * What a user sets once and finds again at the next start: the window presets on keys 1-6, the
 * model the Denoise button uses, the device (AUTO, CPU or GPU) and the data folder where fine-tuned
 * models and training runs are kept.
 *
 * @param defaultModel the model's name as the toolbar lists it; empty: the first shipped one
 */
public record WorkstationSettings(
        WindowPresets presets, String defaultModel, DevicePreference device, Path dataFolder) {
    public WorkstationSettings {
        if (presets.forKey(1).isEmpty()) {
            throw new IllegalArgumentException("window presets need one on key 1 (the default window)");
        }
        defaultModel = defaultModel == null ? "" : defaultModel.trim();
        dataFolder = dataFolder.toAbsolutePath().normalize();
    }

    /** The shipped presets, the first model, AUTO, and {@code <home>/data}. */
    public static WorkstationSettings defaults() {
        return new WorkstationSettings(
                WindowPresets.standard(),
                "",
                DevicePreference.AUTO,
                WorkstationHome.folder().resolve("data"));
    }

    /** Fine-tuned models: the workstation lists every {@code .lmmd} file here, and the wizard saves here. */
    public Path modelsFolder() {
        return dataFolder.resolve("models");
    }

    public WorkstationSettings withDefaultModel(String model) {
        return new WorkstationSettings(presets, model, device, dataFolder);
    }

    public WorkstationSettings withDevice(DevicePreference d) {
        return new WorkstationSettings(presets, defaultModel, d, dataFolder);
    }
}
