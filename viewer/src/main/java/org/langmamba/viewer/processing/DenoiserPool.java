package org.langmamba.viewer.processing;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.langmamba.imaging.device.ComputeDevice;

/**
 * Loaded denoisers by model and device, so switching back to a model does not load it again.
 * Used from the one denoising worker thread only (denoisers are not thread-safe).
 */
public final class DenoiserPool implements AutoCloseable {
    private final ProcessingBackend backend;
    private final Map<Key, SliceDenoiser> loaded = new HashMap<>();

    private record Key(String modelId, ComputeDevice device) {}

    public DenoiserPool(ProcessingBackend backend) {
        this.backend = backend;
    }

    public SliceDenoiser get(ModelChoice model, ComputeDevice device) throws IOException {
        Key key = new Key(model.id(), device);
        SliceDenoiser denoiser = loaded.get(key);
        if (denoiser == null) {
            denoiser = backend.openDenoiser(model, device);
            loaded.put(key, denoiser);
        }
        return denoiser;
    }

    @Override
    public void close() {
        loaded.values().forEach(SliceDenoiser::close);
        loaded.clear();
    }
}
