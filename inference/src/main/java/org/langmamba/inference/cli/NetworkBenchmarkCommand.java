package org.langmamba.inference.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.io.NpyFiles;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.LangAeEncoder;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.inference.model.Models;
import org.langmamba.inference.redcnn.RedCnn;
import org.langmamba.inference.seed.SeedConfig;
import org.langmamba.inference.seed.SeedDenoiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the denoisers on one slice: seconds per slice, parameters, convolution and linear FLOPs,
 * and the process's peak resident memory. Weights are random: speed does not depend on them.
 */
@Command(
        name = "network-benchmark",
        mixinStandardHelpOptions = true,
        description = "Time SEED (compact, paper) and RED-CNN on a slice; print parameters, FLOPs and peak memory.")
public final class NetworkBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "512", description = "slice edge (default ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--runs",
            defaultValue = "2",
            description = "timed runs after one warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @Option(
            names = "--models",
            split = ",",
            defaultValue = "redcnn,seed-compact,seed-paper",
            description = "which: redcnn, seed-compact, seed-paper (default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    @Option(
            names = "--weights",
            description = "a model file to run instead of random weights: RED-CNN's (e.g. the shipped redcnn.lmmd) or a"
                    + " compact SEED's (e.g. the shipped LangMamba, langmamba-seed-compact.lmmd, on the shipped LangAE's"
                    + " encoder); one model per run")
    Path weights;

    @Option(
            names = "--export",
            description = "new folder: write the weights, the input and our output as .npy files (for"
                    + " tools/peer-benchmark.py, which runs the same network in PyTorch from Python)")
    Path export;

    @Option(
            names = "--profile",
            description = "new file: libtorch's profiler over one more pass of each model, as a Chrome trace (JSON;"
                    + " the model's name is added to the file name); tools/profile-summary.py totals it per operator")
    Path profile;

    @Override
    public Integer call() throws IOException {
        ComputeEngine.Selection selection = ComputeEngine.start(device);
        System.out.println(selection.description());
        for (String name : models) {
            try (NDManager manager = NDManager.newBaseManager(selection.djl())) {
                Block block = switch (name) {
                    case "redcnn" -> RedCnn.standard();
                    case "seed-compact" ->
                        new SeedDenoiser(new LangAeEncoder(LangAeConfig.compact(), 100), SeedConfig.compact());
                    case "seed-paper" ->
                        new SeedDenoiser(new LangAeEncoder(LangAeConfig.paper(), 100), SeedConfig.paper());
                    default ->
                        throw new IllegalArgumentException(
                                "unknown model " + name + " (redcnn, seed-compact, seed-paper)");
                };
                Shape shape = new Shape(1, 1, size, size);
                block.initialize(manager, DataType.FLOAT32, shape);
                double flops = flops(block); // from the shapes met at initialisation
                if (weights != null) {
                    block = trained(name, manager);
                }
                ParameterStore store = new ParameterStore(manager, false);
                NDArray x = manager.randomUniform(0, 1, shape);
                time(block, store, x); // warm-up
                double total = 0;
                StringBuilder each = new StringBuilder();
                for (int i = 0; i < runs; i++) {
                    double seconds = time(block, store, x);
                    total += seconds;
                    each.append(String.format(Locale.ROOT, " %.3f", seconds));
                }
                if (export != null) {
                    export(block, store, x, export.resolve(name));
                }
                if (profile != null) {
                    profile(block, store, x, profileFile(name));
                }
                long parameters = block.getParameters().values().stream()
                        .mapToLong(p -> p.getArray().size())
                        .sum();
                System.out.printf(
                        Locale.ROOT,
                        "%-13s %dx%d: %.2f s per slice, %,d parameters, %.1f GFLOPs (conv + linear), peak RSS %s;"
                                + " runs (s):%s%n",
                        name,
                        size,
                        size,
                        total / runs,
                        parameters,
                        flops / 1e9,
                        peakMemory(),
                        each);
            }
        }
        return 0;
    }

    /** The network of {@code name} with the weights of {@link #weights}. */
    private Block trained(String name, NDManager manager) throws IOException {
        return switch (name) {
            case "redcnn" -> Models.loadDenoiser(weights, Models.Denoiser.REDCNN, null, manager);
            case "seed-compact" ->
                Models.loadDenoiser(
                        weights,
                        Models.Denoiser.SEED_COMPACT,
                        DefaultModels.langAe(DefaultCodebook.load(), manager),
                        manager);
            default -> throw new IllegalArgumentException("--weights is for redcnn or seed-compact, not " + name);
        };
    }

    /** The network's parameters (one .npy per parameter, by DJL's name), the input and our output. */
    private static void export(Block block, ParameterStore store, NDArray x, Path folder) throws IOException {
        if (Files.exists(folder)) {
            throw new IllegalArgumentException(folder + " exists: --export writes a new folder");
        }
        Files.createDirectories(folder);
        for (var parameter : block.getParameters()) {
            NDArray value = parameter.getValue().getArray();
            NpyFiles.writeFloat32(
                    folder.resolve(parameter.getKey() + ".npy"),
                    value.getShape().getShape(),
                    value.toFloatArray());
        }
        NpyFiles.writeFloat32(folder.resolve("input.npy"), x.getShape().getShape(), x.toFloatArray());
        // Every network here maps a slice to a slice of the same shape.
        NpyFiles.writeFloat32(folder.resolve("output.npy"), x.getShape().getShape(), run(block, store, x));
    }

    private Path profileFile(String model) {
        String file = profile.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String named = dot < 0 ? file + "-" + model : file.substring(0, dot) + "-" + model + file.substring(dot);
        Path out = profile.resolveSibling(named);
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists: --profile writes a new file");
        }
        return out;
    }

    /** One pass under libtorch's profiler (operators and their shapes), written as a Chrome trace. */
    private static void profile(Block block, ParameterStore store, NDArray x, Path out) {
        JniUtils.startProfile(false, true, false);
        try {
            run(block, store, x);
        } finally {
            JniUtils.stopProfile(out.toString());
        }
        System.out.println("profile: " + out);
    }

    private static double time(Block block, ParameterStore store, NDArray x) {
        long start = System.nanoTime();
        run(block, store, x);
        return (System.nanoTime() - start) / 1e9;
    }

    /** One inference pass over {@code x}: its output, read back (which also waits for it). */
    private static float[] run(Block block, ParameterStore store, NDArray x) {
        // As the denoisers run (HuDenoiser): no autograd record, or every intermediate is kept for a
        // backward pass that never comes (the paper-size SEED then peaks at 9 GB for a 256² slice).
        ComputeEngine.gradientsOffOnThisThread();
        try (NDManager call = x.getManager().newSubManager()) {
            // The input in the call's manager: every intermediate of the pass is freed with it.
            NDArray input = x.duplicate();
            input.attach(call);
            return block.forward(store, new NDList(input), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    /** Multiply-adds x2 of every convolution and linear layer whose input shape is known. */
    static double flops(Block block) {
        double total = 0;
        if (block instanceof Conv2d || block instanceof Linear) {
            Shape[] in = block.getInputShapes();
            if (in != null && in.length > 0 && in[0].getShape().length > 0 && !hasUnknown(in[0])) {
                Shape out = block.getOutputShapes(in)[0];
                NDArray weight = block.getParameters().get("weight").getArray();
                if (block instanceof Conv2d) {
                    total += 2.0 * weight.size() * out.get(0) * out.get(2) * out.get(3);
                } else {
                    total += 2.0 * weight.size() * (in[0].size() / in[0].get(in[0].dimension() - 1));
                }
            }
        }
        for (Block child : block.getChildren().values()) {
            total += flops(child);
        }
        return total;
    }

    private static boolean hasUnknown(Shape shape) {
        for (long d : shape.getShape()) {
            if (d < 0) {
                return true;
            }
        }
        return false;
    }

    /** VmHWM from /proc/self/status: the most resident memory the process has had. */
    private static String peakMemory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).trim())
                .findFirst()
                .orElse("n/a");
    }
}
