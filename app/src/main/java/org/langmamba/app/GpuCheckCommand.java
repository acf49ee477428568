package org.langmamba.app;

import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.resources.SharedResources;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.SliceDenoiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Which device the networks will use and how fast SEED denoises a 512x512 slice there: the check a
 * site engineer runs after installing the CUDA variant. Without a usable GPU it says why and times
 * the CPU instead (paper reference: 0.032 s per slice on an RTX 3090).
 */
@Command(
        name = "gpu-check",
        mixinStandardHelpOptions = true,
        description = "Print the device (name, memory) and LangMamba's SEED time per 512x512 slice on it.")
final class GpuCheckCommand implements Callable<Integer> {
    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    @Option(
            names = "--repeat",
            defaultValue = "5",
            description = "timed slices after one warm-up (default ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() throws IOException {
        ComputeEngine.Selection selection;
        try {
            selection = ComputeEngine.start(device);
        } catch (IllegalStateException e) {
            System.out.println("GPU: not usable: " + e.getMessage());
            return 1;
        }
        System.out.println("engine: " + selection.description());
        if (selection.device() == ComputeDevice.GPU) {
            System.out.println("GPU: " + gpuName() + ", CUDA " + CudaUtils.getCudaVersionString()
                    + ", compute capability " + CudaUtils.getComputeCapability(0));
            MemoryUsage memory = CudaUtils.getGpuMemory(selection.djl());
            System.out.printf(
                    Locale.ROOT,
                    "GPU memory: %.1f GiB total, %.1f GiB in use%n",
                    memory.getMax() / 1073741824.0,
                    memory.getCommitted() / 1073741824.0);
        } else {
            System.out.println("GPU: none usable ("
                    + (CudaUtils.hasCuda()
                            ? "CUDA present but PyTorch sees no device"
                            : "no NVIDIA driver, or this build carries PyTorch's CPU library: build with -Dcuda")
                    + "); timing the CPU");
        }

        HuImage slice = sampleSlice512();
        NetworkBackend backend = new NetworkBackend(null);
        ModelChoice model = backend.models().get(0);
        double[] seconds = new double[repeat];
        try (SliceDenoiser seed = backend.openDenoiser(model, selection.device())) {
            seed.denoise(slice); // warm-up: kernels chosen, memory allocated
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                seed.denoise(slice);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "SEED (%s) on %s, 512x512: median %.3f s per slice (min %.3f, max %.3f, %d slices)%n",
                model.label(),
                selection.device(),
                sorted[repeat / 2],
                sorted[0],
                sorted[repeat - 1],
                repeat);
        System.out.println("paper reference: 0.032 s per slice on an RTX 3090");
        return 0;
    }

    private static HuImage sampleSlice512() {
        List<CtSeries> series = new PixelMedStudyStore()
                .read(SharedResources.sampleStudyWithoutVolumes(), LoadMonitor.NONE)
                .allSeries();
        return series.stream()
                .filter(s -> s.width() == 512 && s.height() == 512)
                .findFirst()
                .or(() -> series.stream().max(Comparator.comparingInt(CtSeries::width)))
                .orElseThrow()
                .slice(0)
                .image();
    }

    /** The board's name from nvidia-smi when it is there (DJL reports memory, not names). */
    private static String gpuName() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader", "--id=0")
                    .redirectErrorStream(true)
                    .start();
            String name = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !name.isEmpty() ? name : "CUDA device 0";
        } catch (IOException | InterruptedException e) {
            return "CUDA device 0";
        }
    }
}
