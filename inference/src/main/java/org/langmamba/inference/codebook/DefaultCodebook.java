package org.langmamba.inference.codebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.langmamba.resources.SharedResources;

/** The codebook shipped in {@code src-resources/models/codebook/} (ADR 0005), read once per call. */
public final class DefaultCodebook {
    public static final String RESOURCE = "models/codebook/glove-16k.lmcb";

    private DefaultCodebook() {}

    public static LanguageCodebook load() {
        try (InputStream in = SharedResources.open(RESOURCE)) {
            return CodebookPack.read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped codebook " + RESOURCE, e);
        }
    }
}
