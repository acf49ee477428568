package org.langmamba.viewer.processing;

import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;

/** The paper's image-quality scores of a slice against a reference slice, within an HU window. */
public interface SliceScorer {
    /** Scores of one slice; {@code image} and {@code reference} have the same size. */
    record Scores(double psnr, double ssim, double fsim) {}

    Scores score(HuImage image, HuImage reference, Window window);
}
