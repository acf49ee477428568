package org.langmamba.inference.codebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.langmamba.imaging.image.AnatomicRegion;
import org.langmamba.resources.SharedResources;

/**
 * The CT lexicon: tissue classes by HU interval, each with the words that describe a region made of
 * it, plus global words of the whole image — each both anywhere in the body and per body region (soft
 * tissue is "brain" in a head and "liver" in an abdomen). It seeds the codebook's vocabulary and, in
 * place of the paper's CLIP similarities, the candidate pools of the pyramid semantic loss (ADR 0005)
 * and the overlay's region vocabulary.
 */
public record CtLexicon(
        List<TissueClass> classes, List<String> globalWords, Map<AnatomicRegion, List<String>> regionGlobalWords) {
    static final String RESOURCE = "config/ct-lexicon.properties";
    static final String GLOBAL = "global";

    public CtLexicon {
        classes = List.copyOf(classes);
        globalWords = List.copyOf(globalWords);
        regionGlobalWords = Map.copyOf(regionGlobalWords);
    }

    /** One tissue class: HU in [lowerHu, upperHu), its words anywhere and its words per region. */
    public record TissueClass(
            String name,
            double lowerHu,
            double upperHu,
            List<String> words,
            Map<AnatomicRegion, List<String>> regionWords) {
        public TissueClass {
            words = List.copyOf(words);
            regionWords = Map.copyOf(regionWords);
        }

        public boolean contains(double hu) {
            return hu >= lowerHu && hu < upperHu;
        }

        /** Every word said of this class: those of anywhere, then each region's own. */
        public Set<String> wordsInAnyRegion() {
            Set<String> all = new LinkedHashSet<>(words);
            regionWords.values().forEach(all::addAll);
            return all;
        }

        /** The words said of this class in {@code region}: those of anywhere, then the region's own. */
        public List<String> words(AnatomicRegion region) {
            Set<String> all = new LinkedHashSet<>(words);
            all.addAll(regionWords.getOrDefault(region, List.of()));
            return List.copyOf(all);
        }
    }

    public static CtLexicon standard() {
        try (InputStream in = SharedResources.open(RESOURCE)) {
            Properties p = new Properties();
            p.load(in);
            return parse(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static CtLexicon parse(Properties p) {
        Map<String, double[]> intervals = new HashMap<>();
        Map<String, List<String>> baseWords = new HashMap<>();
        Map<String, Map<AnatomicRegion, List<String>>> regional = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                String[] f = p.getProperty(key).split(";");
                if (f.length != 3) {
                    throw new IllegalArgumentException(
                            RESOURCE + ": class '" + key + "' needs 'lower ; upper ; words'");
                }
                intervals.put(key, new double[] {Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim())});
                baseWords.put(key, words(f[2]));
            } else {
                String name = key.substring(0, dot);
                String regionKey = key.substring(dot + 1);
                AnatomicRegion region = AnatomicRegion.ofKey(regionKey)
                        .orElseThrow(
                                () -> new IllegalArgumentException(RESOURCE + ": '" + key + "' names no body region ("
                                        + Arrays.stream(AnatomicRegion.values())
                                                .map(AnatomicRegion::key)
                                                .toList() + ")"));
                regional.computeIfAbsent(name, n -> new EnumMap<>(AnatomicRegion.class))
                        .put(region, words(p.getProperty(key)));
            }
        }
        for (String name : regional.keySet()) {
            if (!baseWords.containsKey(name)) {
                throw new IllegalArgumentException(
                        RESOURCE + ": region words for '" + name + "', a class it does not define");
            }
        }
        List<TissueClass> classes = new ArrayList<>();
        for (String name : intervals.keySet()) {
            if (!name.equals(GLOBAL)) {
                double[] hu = intervals.get(name);
                classes.add(new TissueClass(
                        name, hu[0], hu[1], baseWords.get(name), regional.getOrDefault(name, Map.of())));
            }
        }
        classes.sort((a, b) -> Double.compare(a.lowerHu(), b.lowerHu()));
        return new CtLexicon(
                classes, baseWords.getOrDefault(GLOBAL, List.of()), regional.getOrDefault(GLOBAL, Map.of()));
    }

    private static List<String> words(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** Every word of the lexicon, in every region: classes first in HU order, then the global words. */
    public Set<String> allWords() {
        Set<String> words = new LinkedHashSet<>();
        for (TissueClass c : classes) {
            words.addAll(c.wordsInAnyRegion());
        }
        words.addAll(globalWords);
        regionGlobalWords.values().forEach(words::addAll);
        return words;
    }

    /** The global words of {@code region}: those of any image, then the region's own. */
    public List<String> globalWords(AnatomicRegion region) {
        Set<String> all = new LinkedHashSet<>(globalWords);
        all.addAll(regionGlobalWords.getOrDefault(region, List.of()));
        return List.copyOf(all);
    }

    /** What may be said of a slice of {@code region}: its global words and every class's words there. */
    public Set<String> vocabulary(AnatomicRegion region) {
        Set<String> words = tissueWords(region);
        words.addAll(globalWords(region));
        return words;
    }

    /** What may be said of a part of a slice of {@code region}: every tissue class's words there. */
    public Set<String> tissueWords(AnatomicRegion region) {
        Set<String> words = new LinkedHashSet<>();
        classes.forEach(c -> words.addAll(c.words(region)));
        return words;
    }

    /** The class of a HU value, if any interval holds it. */
    public Optional<TissueClass> classOf(double hu) {
        return classes.stream().filter(c -> c.contains(hu)).findFirst();
    }
}
