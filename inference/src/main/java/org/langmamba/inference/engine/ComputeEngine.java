package org.langmamba.inference.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;

/**
 * Starts DJL's PyTorch engine the way the workstation needs it: offline (the native library comes
 * from the pytorch-native jar on the classpath, nothing is downloaded), with as many threads as the
 * machine has cores, on the device the user prefers. Call {@link #start} before any other DJL use:
 * the thread settings only take effect before the engine loads.
 */
public final class ComputeEngine {
    /** The device chosen and, in words, why (shown in the status bar and the About dialog). */
    public record Selection(ComputeDevice device, String description) {
        /** The same device as DJL names it, for an {@code NDManager}. */
        public Device djl() {
            return ComputeEngine.djl(device);
        }
    }

    private ComputeEngine() {}

    public static synchronized Selection start(DevicePreference preference) {
        System.setProperty("ai.djl.offline", "true");
        // A run may ask for fewer threads (-Dai.djl.pytorch.num_threads=1 when runs share the cores).
        String threads = System.getProperty(
                "ai.djl.pytorch.num_threads",
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        System.setProperty("ai.djl.pytorch.num_threads", threads);
        System.setProperty(
                "ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the PyTorch engine did not start: " + e.getMessage()
                            + " (the pytorch-native jar for this platform must be on the classpath; nothing is downloaded)",
                    e);
        }
        int gpus = engine.getGpuCount();
        String version = "PyTorch " + engine.getVersion();
        return switch (preference) {
            case CPU -> new Selection(ComputeDevice.CPU, version + " on CPU (" + threads + " threads), as chosen");
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException(
                            "GPU requested but PyTorch sees none: no NVIDIA driver, or this build"
                                    + " carries the CPU library (build with -Dcuda for the CUDA one)");
                }
                yield new Selection(ComputeDevice.GPU, version + " on GPU 0 of " + gpus);
            }
            case AUTO ->
                gpus > 0
                        ? new Selection(ComputeDevice.GPU, version + " on GPU 0 of " + gpus)
                        : new Selection(ComputeDevice.CPU, version + " on CPU (" + threads + " threads): no GPU found");
        };
    }

    /**
     * DJL's name for a device: the one place the workstation's device type meets DJL's (GPU = the
     * first CUDA device, the one {@link #start} checks).
     */
    public static Device djl(ComputeDevice device) {
        return device == ComputeDevice.GPU ? Device.gpu() : Device.cpu();
    }

    /**
     * Turns PyTorch's autograd off for the calling thread. Grad mode is per thread and on by default
     * in a new one: a worker thread then records a graph for every inference call (memory, time),
     * and in-place writes on trainable weights (loading a model into a network) are refused.
     * Gradient collectors turn it on for their own scope.
     */
    public static void gradientsOffOnThisThread() {
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }
}
