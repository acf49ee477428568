package org.langmamba.inference.codebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.AnatomicRegion;
import org.langmamba.resources.SharedResources;

class CodebookTest {
    static final String SHIPPED = DefaultCodebook.RESOURCE;

    @TempDir
    Path work;

    private static LanguageCodebook shipped() {
        return DefaultCodebook.load();
    }

    @Test
    void theShippedCodebookMatchesItsCardAndHoldsTheWholeCtLexicon() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedResources.path(SHIPPED));
        String card =
                new String(SharedResources.open("models/codebook/glove-16k.md").readAllBytes(), StandardCharsets.UTF_8);
        Matcher sha =
                Pattern.compile("SHA-256 of `glove-16k.lmcb`: `([0-9a-f]{64})`").matcher(card);
        assertThat(sha.find()).isTrue();
        assertThat(CodebookPack.sha256(bytes)).isEqualTo(sha.group(1));

        LanguageCodebook codebook = shipped();
        assertThat(codebook.size()).isEqualTo(16384);
        assertThat(codebook.dimension()).isEqualTo(100);
        assertThat(codebook.words()).containsAll(CtLexicon.standard().allWords());
        assertThat(codebook.word(0)).isEqualTo("the"); // frequency order
    }

    @Test
    void gloveVectorsPutRelatedAnatomyCloserThanUnrelatedWords() throws Exception {
        LanguageCodebook c = shipped();
        assertThat(cosine(c, "liver", "kidney")).isGreaterThan(cosine(c, "liver", "metal"));
        assertThat(cosine(c, "bone", "skeletal")).isGreaterThan(cosine(c, "bone", "fluid"));
        assertThat(cosine(c, "lung", "pulmonary")).isGreaterThan(cosine(c, "lung", "screw"));
        // The quantizer's choice for a word's own vector is that word.
        int liver = c.id("liver").orElseThrow();
        assertThat(c.nearest(c.embedding(liver))).isEqualTo(liver);
    }

    private static double cosine(LanguageCodebook c, String a, String b) {
        float[] x = c.embedding(c.id(a).orElseThrow());
        float[] y = c.embedding(c.id(b).orElseThrow());
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return dot / Math.sqrt(nx * ny);
    }

    @Test
    void packsRoundTripAndRefuseDamage() throws Exception {
        LanguageCodebook small =
                new LanguageCodebook("tiny", List.of("air", "bone", "café"), new float[] {1, 2, 3, 4, 5, 6}, 2);
        Path file = work.resolve("tiny.lmcb");
        String sha = CodebookPack.write(small, file);

        LanguageCodebook back = CodebookPack.read(file, sha);
        assertThat(back.words()).containsExactly("air", "bone", "café");
        assertThat(back.table()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.name()).isEqualTo("tiny");

        assertThatThrownBy(() -> CodebookPack.read(file, "00" + sha.substring(2)))
                .hasMessageContaining("differs from the expected");
        byte[] bytes = Files.readAllBytes(file);
        assertThatThrownBy(() ->
                        CodebookPack.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3)), "cut.lmcb"))
                .hasMessageContaining("cut.lmcb")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CodebookPack.read(new ByteArrayInputStream("not a pack".getBytes()), "x.bin"))
                .hasMessageContaining("not a codebook pack");
    }

    @Test
    void aVlmTokenTableImportsFromNumpyAndVocabJson() throws Exception {
        for (String dtype : List.of("float32", "float16")) {
            Path dir = Files.createDirectories(work.resolve(dtype));
            Process p = new ProcessBuilder(
                            "/usr/bin/python3", "src/test/python/write_token_table.py", dir.toString(), dtype)
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(log).isZero();

            LanguageCodebook imported =
                    TokenTableImporter.importTable("test-vlm", dir.resolve("table.npy"), dir.resolve("vocab.json"));
            List<String> expected = Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8);
            assertThat(imported.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                String[] f = expected.get(i).split("\t");
                assertThat(imported.word(i)).isEqualTo(f[0]);
                String[] values = f[1].split(" ");
                for (int k = 0; k < values.length; k++) {
                    assertThat(imported.embedding(i)[k])
                            .as(dtype + " token " + f[0])
                            .isEqualTo(Float.parseFloat(values[k]));
                }
            }
        }
    }

    @Test
    void theLexiconNamesTheTissueOfAHuValue() {
        CtLexicon lexicon = CtLexicon.standard();
        assertThat(lexicon.classOf(-1000).orElseThrow().name()).isEqualTo("air");
        assertThat(lexicon.classOf(-700).orElseThrow().name()).isEqualTo("lung");
        assertThat(lexicon.classOf(-100).orElseThrow().name()).isEqualTo("fat");
        assertThat(lexicon.classOf(0).orElseThrow().name()).isEqualTo("fluid");
        assertThat(lexicon.classOf(50).orElseThrow().name()).isEqualTo("soft-tissue");
        assertThat(lexicon.classOf(200).orElseThrow().name()).isEqualTo("enhanced");
        assertThat(lexicon.classOf(1000).orElseThrow().name()).isEqualTo("bone");
        assertThat(lexicon.classOf(3000).orElseThrow().name()).isEqualTo("metal");
        assertThat(lexicon.globalWords()).contains("ct").doesNotContain("abdominal", "head");
        assertThat(lexicon.globalWords(AnatomicRegion.ABDOMEN)).contains("ct", "abdominal");
        assertThat(lexicon.vocabulary(AnatomicRegion.HEAD))
                .contains("brain", "skull", "tissue")
                .doesNotContain("liver", "bowel", "intestinal", "abdominal", "lung");
    }
}
