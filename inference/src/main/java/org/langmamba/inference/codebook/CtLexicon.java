package org.langmamba.inference.codebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.langmamba.resources.SharedResources;

/**
 * The CT lexicon: tissue classes by HU interval, each with the words that describe a region made of
 * it, plus global words of the whole image. It seeds the codebook's vocabulary and, in place of the
 * paper's CLIP similarities, the candidate pools of the pyramid semantic loss (ADR 0005).
 */
public record CtLexicon(List<TissueClass> classes, List<String> globalWords) {
    static final String RESOURCE = "config/ct-lexicon.properties";

    /** One tissue class: HU in [lowerHu, upperHu) and its words. */
    public record TissueClass(String name, double lowerHu, double upperHu, List<String> words) {
        public boolean contains(double hu) {
            return hu >= lowerHu && hu < upperHu;
        }
    }

    public static CtLexicon standard() {
        try (InputStream in = SharedResources.open(RESOURCE)) {
            Properties p = new Properties();
            p.load(in);
            List<TissueClass> classes = new ArrayList<>();
            List<String> global = List.of();
            for (String name : p.stringPropertyNames()) {
                String[] f = p.getProperty(name).split(";");
                if (f.length != 3) {
                    throw new IllegalArgumentException(
                            RESOURCE + ": class '" + name + "' needs 'lower ; upper ; words'");
                }
                List<String> words = Arrays.stream(f[2].split(","))
                        .map(String::trim)
                        .filter(w -> !w.isEmpty())
                        .toList();
                if (name.equals("global")) {
                    global = words;
                } else {
                    classes.add(new TissueClass(
                            name, Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim()), words));
                }
            }
            classes.sort((a, b) -> Double.compare(a.lowerHu(), b.lowerHu()));
            return new CtLexicon(List.copyOf(classes), global);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Every word of the lexicon, classes first in HU order, then the global words. */
    public Set<String> allWords() {
        Set<String> words = new LinkedHashSet<>();
        classes.forEach(c -> words.addAll(c.words()));
        words.addAll(globalWords);
        return words;
    }

    /** The class of a HU value, if any interval holds it. */
    public Optional<TissueClass> classOf(double hu) {
        return classes.stream().filter(c -> c.contains(hu)).findFirst();
    }
}
