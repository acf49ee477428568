package org.langmamba.app;

import java.util.HashMap;
import java.util.Map;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;

/** One dose simulator per slice size and pixel size: its geometry tables are built once. */
public final class SimulatorCache {
    private final Map<String, DoseSimulator> simulators = new HashMap<>();

    public DoseSimulator forSlice(int size, double pixelMm) {
        return simulators.computeIfAbsent(size + "@" + pixelMm, k -> DoseSimulator.forSlice(size, pixelMm));
    }

    /** The low-dose version of a DICOM slice (square, with square pixels: {@link SimulationInput#simulationProblem}). */
    public HuImage simulate(CtSlice slice, DoseSettings settings) {
        double pixelMm = SimulationInput.pixelSizeMm(slice);
        return forSlice(slice.width(), pixelMm).simulate(slice.image(), pixelMm, settings);
    }
}
