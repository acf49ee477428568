package org.langmamba.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.viewer.processing.ModelChoice;
import picocli.CommandLine.Option;

/** Which denoiser a command runs, and where: the shipped models by short name, or a fine-tuned file. */
final class DenoiserOptions {
    /** Short command-line names of the shipped models, in the order the workstation offers them. */
    static final Map<String, String> SHIPPED = Map.of(
            "langmamba", DefaultModels.LANGMAMBA,
            "seed-mse", DefaultModels.SEED_MSE,
            "redcnn", DefaultModels.REDCNN,
            "redcnn-langda", DefaultModels.REDCNN_LANGDA);

    @Option(
            names = "--model",
            defaultValue = "langmamba",
            description = "langmamba (default), seed-mse, redcnn, redcnn-langda, or a fine-tuned .lmmd file")
    String model;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    /** The model named by {@code --model}; a file is checked (architecture, codebook) before it is offered. */
    ModelChoice resolve(NetworkBackend backend) throws IOException {
        return resolve(backend, model);
    }

    static ModelChoice resolve(NetworkBackend backend, String name) throws IOException {
        String resource = SHIPPED.get(name.toLowerCase(Locale.ROOT));
        if (resource != null) {
            return backend.models().stream()
                    .filter(m -> m.id().equals(resource))
                    .findFirst()
                    .orElseThrow();
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--model " + name + ": neither a shipped model ("
                    + String.join(", ", SHIPPED.keySet().stream().sorted().toList()) + ") nor a model file");
        }
        return backend.addModelFile(file);
    }

    /** The device --device resolves to here; a GPU asked for and missing is a clear error. */
    ComputeDevice device() {
        return device(device);
    }

    /** The same for a command that has a device option but no model option. */
    static ComputeDevice device(DevicePreference preference) {
        try {
            return ComputeEngine.start(preference).device();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
