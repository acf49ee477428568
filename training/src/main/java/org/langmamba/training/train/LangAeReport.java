package org.langmamba.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.api.TokenPyramidReader;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.nn.NativeArrays;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.metrics.SliceScores;

/**
 * What a trained LangAE does on held-out NDCT slices: how well it reconstructs them (PSNR / SSIM /
 * FSIM in the score window) and which words it uses: distinct words per pyramid level, the most
 * used words per level, and at the finest level the most used words per tissue class (the class
 * that covers most of a token's cell). A physicist reads this to judge whether the language
 * codebook says something about anatomy or collapsed onto a few words.
 */
public final class LangAeReport {
    private static final int TOP = 5;

    public record WordCount(String word, long count) {}

    public record Level(int level, int tokensPerSlice, int distinctWords, long tokens, List<WordCount> top) {}

    /**
     * A tissue class's tokens at the finest level: how many distinct words and which, and the share of
     * its cells named by one of the lexicon's words for that class (in any body region): how a physicist
     * tells "the lung is called lung" from "everything is called tissue" (NaN where the lexicon has no
     * words, as for unclassified HU).
     */
    public record TissueWords(
            String tissueClass, long cells, int distinctWords, double ownWordShare, List<WordCount> top) {}

    /** One held-out patient's mean reconstruction PSNR: a real scan and a phantom can differ by decibels. */
    public record PatientPsnr(String patient, int slices, double psnr) {}

    public record Report(
            SeriesEvaluation.Summary reconstruction,
            List<PatientPsnr> byPatient,
            List<Level> levels,
            List<TissueWords> finestByTissue) {
        /** Markdown, for the console and the model card. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append("Reconstruction of held-out NDCT (")
                    .append(Window.ABDOMEN.bounds())
                    .append("): ")
                    .append(reconstruction.format())
                    .append("\n\nBy patient: ")
                    .append(String.join(
                            ", ",
                            byPatient.stream()
                                    .map(p -> String.format(
                                            Locale.ROOT, "%s %.2f dB (%d slices)", p.patient(), p.psnr(), p.slices()))
                                    .toList()))
                    .append("\n\n");
            out.append(
                    "| level | tokens per slice | distinct words used | most used words |\n| --- | --- | --- | --- |\n");
            for (Level l : levels) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %d of %d tokens | %s |%n",
                        l.level(),
                        l.tokensPerSlice(),
                        l.distinctWords(),
                        l.tokens(),
                        words(l.top())));
            }
            out.append("\n| tissue class (finest level) | cells | distinct words | named by its own words"
                    + " | most used words |\n| --- | --- | --- | --- | --- |\n");
            for (TissueWords t : finestByTissue) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %s | %s |%n",
                        t.tissueClass(),
                        t.cells(),
                        t.distinctWords(),
                        Double.isNaN(t.ownWordShare())
                                ? "—"
                                : String.format(Locale.ROOT, "%.0f %%", 100 * t.ownWordShare()),
                        words(t.top())));
            }
            return out.toString();
        }

        private static String words(List<WordCount> top) {
            return String.join(
                    ", ",
                    top.stream().map(w -> w.word() + " (" + w.count() + ")").toList());
        }
    }

    private LangAeReport() {}

    /** Scores and token statistics over the NDCT halves of {@code heldOut}. */
    public static Report of(LangAe langAe, NDManager manager, List<PairedSlice> heldOut, CtLexicon lexicon)
            throws IOException {
        return of(langAe, manager, heldOut, lexicon, false);
    }

    /** The same; {@code withoutWords}: reconstructions skip the quantizer (a probe trained that way, ADR 0010). */
    public static Report of(
            LangAe langAe, NDManager manager, List<PairedSlice> heldOut, CtLexicon lexicon, boolean withoutWords)
            throws IOException {
        Normalization normalization = Normalization.DEFAULT;
        TokenPyramidReader reader = new TokenPyramidReader(langAe, manager, normalization);
        List<SeriesEvaluation.SliceResult> scores = new ArrayList<>();
        List<Map<Integer, Long>> levelCounts = new ArrayList<>();
        List<Integer> tokensPerSlice = new ArrayList<>();
        Map<String, Map<Integer, Long>> byTissue = new LinkedHashMap<>();
        lexicon.classes().forEach(c -> byTissue.put(c.name(), new HashMap<>()));
        byTissue.put("unclassified", new HashMap<>());
        for (PairedSlice pair : heldOut) {
            HuImage ndct = pair.loadNormalDose();
            float[] ndctHu = ndct.toArray();
            long start = System.nanoTime();
            float[] reconstruction = reconstruct(langAe, manager, normalization, ndct, withoutWords);
            double seconds = (System.nanoTime() - start) / 1e9;
            scores.add(new SeriesEvaluation.SliceResult(
                    pair,
                    SliceScores.of(ndctHu, reconstruction, ndct.width(), ndct.height(), Window.ABDOMEN),
                    seconds));
            List<TokenPyramidReader.WordLevel> levels = reader.read(ndctHu, ndct.width(), ndct.height());
            for (int l = 0; l < levels.size(); l++) {
                if (levelCounts.size() <= l) {
                    levelCounts.add(new HashMap<>());
                    tokensPerSlice.add(levels.get(l).ids().length);
                }
                for (int id : levels.get(l).ids()) {
                    levelCounts.get(l).merge(id, 1L, Long::sum);
                }
            }
            // The paper's finest level (a detail level after it carries detail, not the tissue's word).
            countByTissue(
                    levels.get(Math.min(levels.size(), LangAeConfig.semanticLevels()) - 1), ndct, lexicon, byTissue);
        }
        List<Level> levels = new ArrayList<>();
        for (int l = 0; l < levelCounts.size(); l++) {
            Map<Integer, Long> counts = levelCounts.get(l);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            levels.add(new Level(l + 1, tokensPerSlice.get(l), counts.size(), total, top(counts, langAe)));
        }
        List<TissueWords> tissues = new ArrayList<>();
        byTissue.forEach((name, counts) -> {
            long cells = counts.values().stream().mapToLong(Long::longValue).sum();
            if (cells > 0) {
                tissues.add(new TissueWords(
                        name,
                        cells,
                        counts.size(),
                        ownWordShare(lexicon, name, counts, langAe.codebook()),
                        top(counts, langAe)));
            }
        });
        return new Report(SeriesEvaluation.summarise(scores), byPatient(scores), levels, tissues);
    }

    /** LangAE's reconstruction of a whole slice in HU (padded with air to the pyramid's tiling). */
    static float[] reconstruct(
            LangAe langAe, NDManager manager, Normalization normalization, HuImage slice, boolean withoutWords) {
        int width = slice.width();
        int height = slice.height();
        int paddedW = (int) LangAe.paddedSize(width);
        int paddedH = (int) LangAe.paddedSize(height);
        float[] padded = new float[paddedW * paddedH];
        Arrays.fill(padded, normalization.toNetwork(-1024f));
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                padded[r * paddedW + c] = normalization.toNetwork(slice.hu(c, r));
            }
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray x = NativeArrays.of(call, padded, new Shape(1, 1, paddedH, paddedW));
            ParameterStore store = new ParameterStore(call, false);
            NDList out = withoutWords
                    ? langAe.forwardWithoutWords(store, x, false)
                    : langAe.forward(store, new NDList(x), false);
            float[] y = out.get(0).toFloatArray();
            float[] hu = new float[width * height];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    hu[r * width + c] = normalization.toHu(y[r * paddedW + c]);
                }
            }
            return hu;
        }
    }

    /** Each finest-level token counts for the tissue class holding most of its cell's pixels. */
    private static void countByTissue(
            TokenPyramidReader.WordLevel finest,
            HuImage ndct,
            CtLexicon lexicon,
            Map<String, Map<Integer, Long>> byTissue) {
        int paddedW = (int) LangAe.paddedSize(ndct.width());
        int paddedH = (int) LangAe.paddedSize(ndct.height());
        int cellW = paddedW / finest.columns();
        int cellH = paddedH / finest.rows();
        for (int row = 0; row < finest.rows(); row++) {
            for (int col = 0; col < finest.columns(); col++) {
                Map<String, Integer> votes = new HashMap<>();
                for (int y = row * cellH; y < (row + 1) * cellH; y++) {
                    for (int x = col * cellW; x < (col + 1) * cellW; x++) {
                        float hu = x < ndct.width() && y < ndct.height() ? ndct.hu(x, y) : -1024f;
                        String name = lexicon.classOf(hu)
                                .map(CtLexicon.TissueClass::name)
                                .orElse("unclassified");
                        votes.merge(name, 1, Integer::sum);
                    }
                }
                String winner = votes.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
                byTissue.get(winner).merge(finest.ids()[row * finest.columns() + col], 1L, Long::sum);
            }
        }
    }

    private static List<PatientPsnr> byPatient(List<SeriesEvaluation.SliceResult> scores) {
        Map<String, List<Double>> psnr = new LinkedHashMap<>();
        for (SeriesEvaluation.SliceResult r : scores) {
            psnr.computeIfAbsent(r.pair().patientId(), p -> new ArrayList<>())
                    .add(r.scores().psnr());
        }
        List<PatientPsnr> patients = new ArrayList<>();
        psnr.forEach((patient, values) -> patients.add(new PatientPsnr(
                patient,
                values.size(),
                values.stream().mapToDouble(Double::doubleValue).average().orElseThrow())));
        return patients;
    }

    /** The share of a class's cells whose word the lexicon says of that class somewhere; NaN for no words. */
    static double ownWordShare(
            CtLexicon lexicon, String tissueClass, Map<Integer, Long> counts, LanguageCodebook codebook) {
        Set<String> own = lexicon.classes().stream()
                .filter(c -> c.name().equals(tissueClass))
                .findFirst()
                .map(CtLexicon.TissueClass::wordsInAnyRegion)
                .orElse(Set.of());
        long cells = counts.values().stream().mapToLong(Long::longValue).sum();
        if (own.isEmpty() || cells == 0) {
            return Double.NaN;
        }
        long named = counts.entrySet().stream()
                .filter(e -> own.contains(codebook.word(e.getKey())))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return (double) named / cells;
    }

    private static List<WordCount> top(Map<Integer, Long> counts, LangAe langAe) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> new WordCount(langAe.codebook().word(e.getKey()), e.getValue()))
                .toList();
    }
}
