package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ADR 0008's rule, checked in the bytecode of every module: no array backed by Java memory may enter
 * an autograd graph. DJL's PyTorch engine wraps Java buffers without copying, so
 * <ul>
 *   <li>only {@code NativeArrays} makes arrays from Java data ({@code NDManager.create} with data,
 *       {@code decode}) or {@code intern}s them; everyone else asks it for native copies;</li>
 *   <li>nobody calls the number operations whose backward reads a scalar DJL has already let go of
 *       ({@code mul/div/pow/maximum/minimum/mod(Number)} and their reversed forms, {@code cbrt},
 *       {@code toDegrees}, {@code toRadians}, {@code Activation.swish/relu6}); {@code Scalars} has safe
 *       ones. {@code add/sub(Number)}, comparisons and in-place operations (never in a graph here) stay;</li>
 *   <li>a class that loads parameters ({@code loadParameters}) hands them to {@code NativeArrays.ownParameters}.</li>
 * </ul>
 */
class GraphSafetyTest {
    private static final String NATIVE_ARRAYS = "org/langmamba/inference/nn/NativeArrays";
    private static final Set<String> UNSAFE_NUMBER_OPERATIONS =
            Set.of("mul", "div", "pow", "maximum", "minimum", "mod", "rdiv", "rpow", "rmod", "rsub");
    private static final Set<String> UNSAFE_ALWAYS = Set.of("cbrt", "toDegrees", "toRadians");
    private static final Set<String> MANAGERS =
            Set.of("ai/djl/ndarray/NDManager", "ai/djl/ndarray/BaseNDManager", "ai/djl/pytorch/engine/PtNDManager");
    private static final List<Path> MODULE_CLASSES = List.of(
            Path.of("..", "viewer", "target", "classes"),
            Path.of("..", "inference", "target", "classes"),
            Path.of("..", "training", "target", "classes"),
            Path.of("target", "classes"));

    /** The rule's breaches in one class, each as "class: call (why)". */
    static List<String> violations(String className, List<ClassFileCalls.Call> calls) {
        List<String> out = new ArrayList<>();
        boolean loads = false;
        boolean ownsLoaded = false;
        boolean helper = className.equals(NATIVE_ARRAYS);
        for (ClassFileCalls.Call call : calls) {
            boolean djl = call.owner().startsWith("ai/djl/");
            if (djl
                    && UNSAFE_NUMBER_OPERATIONS.contains(call.name())
                    && call.descriptor().contains("Ljava/lang/Number;")) {
                out.add(className + ": " + call + " (frees its scalar before backward: use Scalars)");
            }
            if (djl && UNSAFE_ALWAYS.contains(call.name())) {
                out.add(className + ": " + call + " (a number operation inside: use Scalars)");
            }
            if (call.owner().equals("ai/djl/nn/Activation")
                    && (call.name().startsWith("swish") || call.name().startsWith("relu6"))) {
                out.add(className + ": " + call + " (multiplies by a number DJL frees: use Scalars.silu)");
            }
            if (!helper
                    && MANAGERS.contains(call.owner())
                    && call.name().equals("create")
                    && !call.descriptor().startsWith("(Lai/djl/ndarray/types/Shape;")) {
                out.add(className + ": " + call + " (an array over Java memory: use NativeArrays.of)");
            }
            if (!helper && djl && (call.name().equals("decode") || call.name().equals("intern"))) {
                out.add(className + ": " + call + " (arrays over Java memory: use NativeArrays)");
            }
            loads |= djl
                    && (call.name().equals("loadParameters")
                            || call.owner().equals("ai/djl/nn/Parameter")
                                    && call.name().equals("load"));
            ownsLoaded |= call.owner().equals(NATIVE_ARRAYS) && call.name().equals("ownParameters");
        }
        if (loads && !ownsLoaded) {
            out.add(className + ": loads parameters without NativeArrays.ownParameters (they stay over Java memory)");
        }
        return out;
    }

    private static List<String> violationsIn(Path classes) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                try (InputStream in = Files.newInputStream(file)) {
                    out.addAll(violations(name.replaceAll("\\$.*", ""), ClassFileCalls.of(in)));
                }
            }
        }
        return out;
    }

    @Test
    void noModuleLetsJavaBackedArraysIntoAGraph() throws IOException {
        List<String> violations = new ArrayList<>();
        long classes = 0;
        for (Path module : MODULE_CLASSES) {
            assertThat(module.resolve("org/langmamba"))
                    .as("compiled classes of " + module)
                    .isDirectory();
            try (Stream<Path> files = Files.walk(module)) {
                classes += files.filter(f -> f.toString().endsWith(".class")).count();
            }
            violations.addAll(violationsIn(module));
        }
        assertThat(classes).as("classes inspected").isGreaterThan(200);
        assertThat(violations).isEmpty();
    }

    /** The check finds each kind of breach in a class written to break the rule. */
    @Test
    void findsEveryKindOfBreach() throws IOException {
        List<String> found;
        try (InputStream in = GraphSafetyTest.class.getResourceAsStream("UnsafeGraphFixture.class")) {
            found = violations("UnsafeGraphFixture", ClassFileCalls.of(in));
        }
        assertThat(found)
                .anyMatch(v -> v.contains("NDArray.mul(Ljava/lang/Number;)"))
                .anyMatch(v -> v.contains("NDArray.maximum(Ljava/lang/Number;)"))
                .anyMatch(v -> v.contains("Activation.swish"))
                .anyMatch(v -> v.contains("NDManager.create([F") && v.contains("NativeArrays.of"))
                .anyMatch(v -> v.contains("NDList.decode"))
                .anyMatch(v -> v.contains("loads parameters without NativeArrays.ownParameters"))
                .noneMatch(v -> v.contains(".add(Ljava/lang/Number;)") || v.contains(".muli("))
                .hasSize(6);
    }
}
