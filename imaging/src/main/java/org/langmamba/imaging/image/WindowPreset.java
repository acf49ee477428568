package org.langmamba.imaging.image;

/** A named window bound to a number key (1-6), e.g. key 1: Abdomen W400/L40. */
public record WindowPreset(int key, String name, Window window) {
    public String label() {
        return key + "  " + name + "  " + window.label();
    }
}
