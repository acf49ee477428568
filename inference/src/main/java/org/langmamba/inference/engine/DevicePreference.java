package org.langmamba.inference.engine;

/** Where the user wants the networks to run. */
public enum DevicePreference {
    /** The GPU when PyTorch sees one, else the CPU. */
    AUTO,
    CPU,
    /** The GPU, or a clear error when there is none. */
    GPU
}
