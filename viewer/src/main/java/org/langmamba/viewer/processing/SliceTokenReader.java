package org.langmamba.viewer.processing;

import org.langmamba.imaging.image.HuImage;

/** LangAE's token pyramid of a slice, with words. Holds native memory until closed; one thread. */
public interface SliceTokenReader extends AutoCloseable {
    /** The pyramid of {@code slice}, its words read as {@code reading} says. */
    SliceTokens read(HuImage slice, WordReading reading);

    @Override
    void close();
}
