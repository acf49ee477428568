package org.langmamba.viewer.processing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.langmamba.imaging.device.ComputeDevice;

/**
 * What the viewer asks of the networks, without knowing how they run: the models to offer, the
 * devices there are, and loaded denoisers, token readers and scorers. The app implements it with
 * DJL (the viewer never imports DJL); tests may implement it with plain Java.
 */
public interface ProcessingBackend {
    /** Shipped models first (the default first of all), then fine-tuned ones found or added. */
    List<ModelChoice> models();

    /** The usable devices, the one AUTO picks first (the GPU when there is one, then the CPU). */
    List<ComputeDevice> devices();

    /** Loads {@code model} on {@code device}; slow (seconds): call it off the FX thread. */
    SliceDenoiser openDenoiser(ModelChoice model, ComputeDevice device) throws IOException;

    /** Loads LangAE for the token overlay on {@code device}; off the FX thread. */
    SliceTokenReader openTokenReader(ComputeDevice device) throws IOException;

    SliceScorer scorer();

    /**
     * Checks that {@code file} is a denoiser this build can run (architecture and codebook in its
     * header) and adds it to {@link #models()}; the message of the exception says why not.
     */
    ModelChoice addModelFile(Path file) throws IOException;

    /**
     * What runs the networks, for the About dialog and the self-test: engine and library versions,
     * the device chosen and why, each model with its checksum. Ordered; empty when unknown.
     */
    default Map<String, String> versions() {
        return Map.of();
    }
}
