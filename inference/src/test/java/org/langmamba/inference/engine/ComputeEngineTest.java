package org.langmamba.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;

class ComputeEngineTest {
    @Test
    void theEngineStartsOfflineFromTheJarAndComputes() {
        ComputeEngine.Selection selection = ComputeEngine.start(DevicePreference.AUTO);
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(selection.description()).startsWith("PyTorch 2.5.1");
        try (NDManager manager = NDManager.newBaseManager(selection.djl())) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            assertThat(a.matMul(a).toFloatArray()).containsExactly(7, 10, 15, 22);
        }
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhyAndAForcedGpuFailsClearly() {
        if (Engine.getEngine("PyTorch").getGpuCount() > 0) {
            assertThat(ComputeEngine.start(DevicePreference.AUTO).djl()).isEqualTo(Device.gpu());
            return;
        }
        assertThat(ComputeEngine.start(DevicePreference.AUTO).description()).contains("no GPU found");
        assertThat(ComputeEngine.start(DevicePreference.CPU).device()).isEqualTo(ComputeDevice.CPU);
        assertThat(ComputeEngine.start(DevicePreference.CPU).djl()).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> ComputeEngine.start(DevicePreference.GPU))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GPU requested but PyTorch sees none");
    }
}
