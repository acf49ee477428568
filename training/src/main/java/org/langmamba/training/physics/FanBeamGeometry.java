package org.langmamba.training.physics;

/**
 * A third-generation fan-beam CT geometry with an equiangular (curved) detector and a full
 * 360 degree rotation, sized for an image of {@code imageSize} pixels of {@code pixelSizeMm}.
 *
 * <p>Defaults ({@link #forImage}) follow a Siemens SOMATOM Definition-class scanner: 595 mm source
 * to isocentre, 1085.6 mm source to detector. The channel pitch is chosen so that a channel covers
 * 0.75 pixel at the isocentre (finer than the image, so a noise-free round trip is faithful) and
 * the fan covers the image's reconstruction circle (diameter = image width); views default to 720.
 *
 * @param sourceToIsoMm       source to rotation centre
 * @param sourceToDetectorMm  source to detector (only sets the magnification reported; the
 *                            equiangular sampling is defined by angles)
 * @param detectorCount       channels in the fan
 * @param channelAngleRad     angle between neighbouring channels
 * @param views               projections over 360 degrees
 * @param imageSize           reconstructed image edge in pixels
 * @param pixelSizeMm         reconstructed pixel size
 */
public record FanBeamGeometry(
        double sourceToIsoMm,
        double sourceToDetectorMm,
        int detectorCount,
        double channelAngleRad,
        int views,
        int imageSize,
        double pixelSizeMm) {
    public static final double DEFAULT_SOURCE_TO_ISO_MM = 595.0;
    public static final double DEFAULT_SOURCE_TO_DETECTOR_MM = 1085.6;
    public static final int DEFAULT_VIEWS = 720;

    public FanBeamGeometry {
        if (detectorCount < 8 || views < 8 || imageSize < 2 || !(pixelSizeMm > 0) || !(channelAngleRad > 0)) {
            throw new IllegalArgumentException("invalid fan-beam geometry: " + detectorCount + " channels, " + views
                    + " views, image " + imageSize + " px of " + pixelSizeMm + " mm");
        }
        if (sourceToIsoMm * Math.sin((detectorCount - 1) / 2.0 * channelAngleRad)
                < fovRadiusMm(imageSize, pixelSizeMm) * 0.999) {
            throw new IllegalArgumentException("the fan does not cover the image's reconstruction circle");
        }
    }

    /** The default scanner for an image of {@code imageSize} pixels of {@code pixelSizeMm}. */
    public static FanBeamGeometry forImage(int imageSize, double pixelSizeMm) {
        return forImage(imageSize, pixelSizeMm, DEFAULT_VIEWS);
    }

    public static FanBeamGeometry forImage(int imageSize, double pixelSizeMm, int views) {
        double d = DEFAULT_SOURCE_TO_ISO_MM;
        double channel = 0.75 * pixelSizeMm / d;
        double halfFan = Math.asin(Math.min(1.0, fovRadiusMm(imageSize, pixelSizeMm) / d));
        int channels = 2 * (int) Math.ceil(halfFan / channel) + 3;
        return new FanBeamGeometry(d, DEFAULT_SOURCE_TO_DETECTOR_MM, channels, channel, views, imageSize, pixelSizeMm);
    }

    static double fovRadiusMm(int imageSize, double pixelSizeMm) {
        return imageSize * pixelSizeMm / 2.0;
    }

    public double fovRadiusMm() {
        return fovRadiusMm(imageSize, pixelSizeMm);
    }

    /** Fan angle of channel {@code j}, 0 on the central ray. */
    public double gamma(int j) {
        return (j - (detectorCount - 1) / 2.0) * channelAngleRad;
    }

    /** Source angle of view {@code k}. */
    public double beta(int k) {
        return 2 * Math.PI * k / views;
    }

    /** Spacing of rays at the isocentre, the natural parallel-beam sampling after rebinning. */
    public double raySpacingAtIsoMm() {
        return sourceToIsoMm * channelAngleRad;
    }
}
