package org.langmamba.viewer.processing;

/**
 * A denoising model the user can pick: shipped (LangMamba, SEED without LangDA, RED-CNN) or a
 * fine-tuned file. {@code version} is what the "DENOISED" label and exported DICOM name: the first
 * characters of the weights' SHA-256, so two files with one name are still told apart.
 */
public record ModelChoice(String id, String name, String version, String description) {
    /** "LangMamba, 7304d27e": what a processed pane and an exported series say of their origin. */
    public String label() {
        return name + ", " + version;
    }

    @Override
    public String toString() {
        return name;
    }
}
