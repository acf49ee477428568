package org.langmamba.inference.codebook;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frozen "VLM codebook" of LangAE: a vocabulary of words and one embedding per word (the
 * paper uses PubMedCLIP's token-embedding table; our default is GloVe, SPEC.md). Quantization is
 * nearest neighbour in this table, so every quantized latent vector is a word. Immutable.
 */
public final class LanguageCodebook {
    private final String name;
    private final List<String> words;
    private final float[] embeddings; // row-major, size() x dimension()
    private final int dimension;
    private final Map<String, Integer> index = new HashMap<>();

    public LanguageCodebook(String name, List<String> words, float[] embeddings, int dimension) {
        if (words.isEmpty() || dimension <= 0 || embeddings.length != words.size() * dimension) {
            throw new IllegalArgumentException("codebook " + name + ": " + words.size() + " words of dimension "
                    + dimension + " need " + (long) words.size() * dimension + " values, got " + embeddings.length);
        }
        this.name = name;
        this.words = List.copyOf(words);
        this.embeddings = embeddings.clone();
        this.dimension = dimension;
        for (int i = 0; i < this.words.size(); i++) {
            if (index.putIfAbsent(this.words.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "codebook " + name + ": word '" + this.words.get(i) + "' appears twice");
            }
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return words.size();
    }

    public int dimension() {
        return dimension;
    }

    public String word(int id) {
        return words.get(id);
    }

    public List<String> words() {
        return words;
    }

    public Optional<Integer> id(String word) {
        return Optional.ofNullable(index.get(word));
    }

    /** The ids of those of {@code words} the codebook holds, in their order; the others are left out. */
    public int[] ids(Collection<String> words) {
        return words.stream()
                .map(this::id)
                .flatMap(Optional::stream)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** A copy of the embedding of token {@code id}. */
    public float[] embedding(int id) {
        return Arrays.copyOfRange(embeddings, id * dimension, (id + 1) * dimension);
    }

    /** The whole table, row-major (a copy), e.g. to build the frozen embedding tensor. */
    public float[] table() {
        return embeddings.clone();
    }

    /** Nearest word (squared Euclidean distance) to {@code vector}: the quantizer's choice. */
    public int nearest(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + vector.length + ", codebook has " + dimension);
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int id = 0; id < words.size(); id++) {
            double d = 0;
            int base = id * dimension;
            for (int k = 0; k < dimension; k++) {
                double diff = vector[k] - embeddings[base + k];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = id;
            }
        }
        return best;
    }
}
