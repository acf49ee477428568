package org.langmamba.app;

import java.util.HashMap;
import java.util.Map;
import org.langmamba.training.physics.DoseSimulator;

/** One dose simulator per slice size and pixel size: its geometry tables are built once. */
public final class SimulatorCache {
    private final Map<String, DoseSimulator> simulators = new HashMap<>();

    public DoseSimulator forSlice(int size, double pixelMm) {
        return simulators.computeIfAbsent(size + "@" + pixelMm, k -> DoseSimulator.forSlice(size, pixelMm));
    }
}
