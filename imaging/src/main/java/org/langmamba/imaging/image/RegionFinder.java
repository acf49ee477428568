package org.langmamba.imaging.image;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the body region of one axial slice from its pixels, the DICOM header only refining it.
 *
 * <p>The image decides head-or-trunk, because headers lie (a "CT HEAD" protocol reused for a neck, a
 * blank BodyPartExamined): the body's cross-section as the diameter of the circle of its area (above
 * -500 HU). Adult heads are 140-200 mm across, necks 100-150, a thorax or abdomen 250-400; a couch or
 * head holder adds a few square centimetres. A trunk slice whose body holds much aerated lung (-900 to
 * -500 HU, at least {@link #CHEST_LUNG_SHARE} of the body) is a chest, else an abdomen. Within the
 * class the image gives, a header naming a region wins (a neck is not told from a small head, nor a
 * pelvis from an abdomen, by size alone) unless the image contradicts it (lungs make a chest; a
 * neck is at most {@link #NECK_MAX_DIAMETER_MM} across); a header naming the other class is overruled
 * and the reading says so. Head is the image's own guess for every small cross-section (the top of a
 * skull is as small as a neck).
 */
public final class RegionFinder {
    /** Wider than this (equivalent diameter) is no head or neck. */
    public static final double HEAD_MAX_DIAMETER_MM = 230;
    /**
     * Wider than this is no neck, whatever the header says: a "Neck" series reaching up through the
     * skull base and the brain is read as head there (adult necks are 100-150 mm across).
     */
    public static final double NECK_MAX_DIAMETER_MM = 160;
    /** Aerated lung as a share of the body's area from which a trunk slice is a chest. */
    public static final double CHEST_LUNG_SHARE = 0.15;

    static final float BODY_HU = -500;
    static final float LUNG_HU = -900;

    /**
     * A region with the evidence for it, for the overlay's caption and the logs; {@code diameterMm} is
     * the body's cross-section (lungs included) as the diameter of a circle of its area.
     */
    public record Reading(AnatomicRegion region, String reason, double diameterMm) {}

    private RegionFinder() {}

    public static Reading read(float[] hu, int width, int height, double pixelSizeMm, Optional<AnatomicRegion> hint) {
        if (hu.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " slice with " + hu.length + " values");
        }
        long body = 0;
        long lung = 0;
        for (float v : hu) {
            if (v > BODY_HU) {
                body++;
            } else if (v > LUNG_HU) {
                lung++;
            }
        }
        // Lung inside the body counts towards its cross-section: a chest is wide because of its lungs.
        double lungShare = body + lung == 0 ? 0 : lung / (double) (body + lung);
        double trunkDiameter = 2 * Math.sqrt((body + lung) * pixelSizeMm * pixelSizeMm / Math.PI);
        boolean trunk = trunkDiameter > HEAD_MAX_DIAMETER_MM;
        String measured = trunk
                ? String.format(Locale.ROOT, "%.0f mm across, %.0f %% lung", trunkDiameter, 100 * lungShare)
                : String.format(Locale.ROOT, "%.0f mm across", trunkDiameter);
        AnatomicRegion fromImage = !trunk
                ? AnatomicRegion.HEAD
                : lungShare >= CHEST_LUNG_SHARE ? AnatomicRegion.CHEST : AnatomicRegion.ABDOMEN;
        if (hint.isEmpty()) {
            return new Reading(fromImage, "from the image: " + measured, trunkDiameter);
        }
        AnatomicRegion named = hint.get();
        if (named == fromImage) {
            return new Reading(fromImage, "from the image (" + measured + ") and the header", trunkDiameter);
        }
        // The header names the other class, or its own class against the image: lungs make a chest, and a
        // cross-section wider than any neck a head. Otherwise it tells neck from head, pelvis from abdomen.
        if (named.isTrunk() != trunk
                || fromImage == AnatomicRegion.CHEST
                || named == AnatomicRegion.NECK && trunkDiameter > NECK_MAX_DIAMETER_MM) {
            return new Reading(
                    fromImage,
                    "from the image (" + measured + "); the header's '" + named.key() + "' overruled",
                    trunkDiameter);
        }
        return new Reading(named, "from the header, the image agreeing (" + measured + ")", trunkDiameter);
    }
}
