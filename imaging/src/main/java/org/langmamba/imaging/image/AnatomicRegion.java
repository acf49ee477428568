package org.langmamba.imaging.image;

import java.util.Locale;
import java.util.Optional;

/**
 * The part of the body a slice shows, as far as words and windows care: a head slice is described
 * by brain and skull, not by liver and bowel. {@link RegionFinder} reads it from the image, with the
 * DICOM header as a hint.
 */
public enum AnatomicRegion {
    HEAD("head", false),
    NECK("neck", false),
    CHEST("chest", true),
    ABDOMEN("abdomen", true),
    PELVIS("pelvis", true);

    private final String key;
    private final boolean trunk;

    AnatomicRegion(String key, boolean trunk) {
        this.key = key;
        this.trunk = trunk;
    }

    /** Lower-case name, as in the lexicon's {@code class.region} keys and the overlay's caption. */
    public String key() {
        return key;
    }

    /** Chest, abdomen or pelvis: a cross-section wider than any head or neck. */
    public boolean isTrunk() {
        return trunk;
    }

    /** The region with this lower-case key. */
    public static Optional<AnatomicRegion> ofKey(String key) {
        for (AnatomicRegion r : values()) {
            if (r.key.equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The region a DICOM text names: BodyPartExamined's defined terms (HEAD, NECK, HEADNECK, CHEST,
     * THORAX, ABDOMEN, PELVIS, ABDOMENPELVIS ...) or words of a study or series description ("CT
     * BRAIN", "Thorax", "Abd/Pelvis"). The first text that names a region wins; empty when none does.
     * Texts naming two regions at once (HEADNECK, ABDOMENPELVIS) give the upper one: a hint only.
     */
    public static Optional<AnatomicRegion> named(String... texts) {
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String t = text.toUpperCase(Locale.ROOT);
            if (t.matches(".*(HEAD|BRAIN|SKULL|CRAN|SINUS|ORBIT|FACE|NEURO).*")) {
                return Optional.of(HEAD);
            }
            if (t.matches(".*(NECK|CERVICAL|THYROID|LARYNX|CSPINE).*")) {
                return Optional.of(NECK);
            }
            if (t.matches(".*(CHEST|THORAX|THORAC|LUNG|HEART|CARDIAC|CORONARY|TSPINE).*")) {
                return Optional.of(CHEST);
            }
            if (t.matches(".*(ABD|LIVER|KIDNEY|RENAL|PANCREA|LSPINE).*")) {
                return Optional.of(ABDOMEN);
            }
            if (t.matches(".*(PELVI|HIP|BLADDER|PROSTATE).*")) {
                return Optional.of(PELVIS);
            }
        }
        return Optional.empty();
    }
}
