package org.langmamba.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.LangAeEncoder;
import org.langmamba.inference.redcnn.RedCnn;
import org.langmamba.inference.seed.SeedConfig;
import org.langmamba.inference.seed.SeedDenoiser;

class ModelFileTest {
    private static final LangAeConfig TINY = new LangAeConfig("tiny", 8, new int[] {1, 1, 2, 2, 2}, 1, 1, 4);
    private static final Shape SHAPE = new Shape(1, 1, 32, 32);

    @TempDir
    Path work;

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
    }

    /** A SEED with random weights everywhere, its noise head too (it starts at zero, so fresh SEEDs would all agree). */
    static SeedDenoiser seed(NDManager m) {
        SeedDenoiser seed = new SeedDenoiser(new LangAeEncoder(TINY, 100), SeedConfig.compact());
        seed.initialize(m, DataType.FLOAT32, SHAPE);
        for (var p : seed.getParameters()) {
            if (p.getKey().matches("\\d*out_weight")) {
                NDArray w = p.getValue().getArray();
                w.addi(m.randomNormal(0f, 0.1f, w.getShape(), w.getDataType()));
            }
        }
        return seed;
    }

    private static NDArray run(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void saveThenLoadGivesTheSameOutput() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.Header header = new ModelFile.Header("seed compact on langae " + TINY, "abc");
            SeedDenoiser original = seed(m);
            NDArray x = m.randomUniform(0, 1, SHAPE);
            float[] before = run(original, m, x).toFloatArray();
            Path file = work.resolve("seed.lmmd");
            String sha = ModelFile.save(original, header, file);

            SeedDenoiser fresh = seed(m);
            assertThat(run(fresh, m, x).toFloatArray())
                    .as("a fresh network differs")
                    .isNotEqualTo(before);
            ModelFile.load(fresh, header, file, sha, m);
            assertThat(Arrays.equals(run(fresh, m, x).toFloatArray(), before)).isTrue();
            assertThat(ModelFile.header(file)).isEqualTo(header);
        }
    }

    @Test
    void loadingWeightsOfAnotherArchitectureOrDamagedFilesFailsWithTheReason() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = work.resolve("redcnn.lmmd");
            RedCnn red = new RedCnn(8);
            red.initialize(m, DataType.FLOAT32, SHAPE);
            String sha = ModelFile.save(red, new ModelFile.Header("redcnn 8", ""), file);

            ModelFile.Header wanted = new ModelFile.Header("seed compact on langae " + TINY, "");
            assertThatThrownBy(() -> ModelFile.load(seed(m), wanted, file, sha, m))
                    .hasMessageContaining("holds weights for 'redcnn 8'")
                    .hasMessageContaining("seed compact");
            assertThatThrownBy(() ->
                            ModelFile.load(red, new ModelFile.Header("redcnn 8", ""), file, "00" + sha.substring(2), m))
                    .hasMessageContaining("differs from the expected");
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, 10));
            assertThatThrownBy(() -> ModelFile.header(file)).hasMessageContaining("truncated");
        }
    }
}
