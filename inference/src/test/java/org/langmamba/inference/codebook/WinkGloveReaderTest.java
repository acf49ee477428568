package org.langmamba.inference.codebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader on files in the npm package's layout, including escapes and skipped fields. */
class WinkGloveReaderTest {
    @TempDir
    Path work;

    @Test
    void keepsOnlyTheChosenWordsVectorsInTheirDimension() throws Exception {
        Path json = work.resolve("glove.json");
        Files.writeString(
                json,
                "{\"precision\":8,\"l2NormIndex\":2,\"wordIndex\":3,\"size\":3,\"dimensions\":2,"
                        + "\"words\":[\"the\",\"liver\",\"\\\"q\\u00e9\\\"\"],"
                        + "\"vectors\":{\"the\":[0.5,-1e-2,1.1,0],\"liver\":[2,3.25,3.8,1],\"\\\"q\\u00e9\\\"\":[7,8,10.6,2]},"
                        + "\"unkVector\":[0,0,0,0]}");

        WinkGloveReader.Glove glove = WinkGloveReader.read(json, words -> Set.of("liver", "\"qé\""));

        assertThat(glove.wordsByFrequency()).containsExactly("the", "liver", "\"qé\"");
        assertThat(glove.dimension()).isEqualTo(2);
        assertThat(glove.vectors()).containsOnlyKeys("liver", "\"qé\"");
        assertThat(glove.vectors().get("liver")).containsExactly(2f, 3.25f);
    }

    @Test
    void aDamagedFileSaysWhatWasExpected() throws Exception {
        Path json = work.resolve("bad.json");
        Files.writeString(json, "{\"dimensions\":2,\"words\":[\"a\"],\"vectors\":{\"a\":[1,2");
        assertThatThrownBy(() -> WinkGloveReader.read(json, w -> Set.of("a"))).hasMessageContaining("end of file");
    }

    @Test
    void plainWordsAreLowerCaseLetters() {
        assertThat(WinkGloveReader.PLAIN_WORD.test("liver")).isTrue();
        assertThat(WinkGloveReader.PLAIN_WORD.test("x-ray")).isTrue();
        assertThat(WinkGloveReader.PLAIN_WORD.test("1990")).isFalse();
        assertThat(WinkGloveReader.PLAIN_WORD.test(",")).isFalse();
        assertThat(WinkGloveReader.PLAIN_WORD.test("a")).isFalse();
    }
}
