package org.langmamba.viewer.processing;

import org.langmamba.imaging.image.HuImage;

/** LangAE's token pyramid of a slice, with words. Holds native memory until closed; one thread. */
public interface SliceTokenReader extends AutoCloseable {
    SliceTokens read(HuImage slice);

    @Override
    void close();
}
