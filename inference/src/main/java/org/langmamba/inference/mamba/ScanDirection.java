package org.langmamba.inference.mamba;

/**
 * The four orders in which ES2D flattens a (sub-)grid into a sequence (SPEC, ES2D), named by the
 * corner a scan starts from and the corner it ends in.
 */
public enum ScanDirection {
    /** Row by row, left to right, top to bottom. */
    TOP_LEFT_TO_BOTTOM_RIGHT,
    /** The reverse: bottom row first, right to left. */
    BOTTOM_RIGHT_TO_TOP_LEFT,
    /** Row by row from the top, each row right to left. */
    TOP_RIGHT_TO_BOTTOM_LEFT,
    /** Its reverse: bottom row first, each row left to right. */
    BOTTOM_LEFT_TO_TOP_RIGHT
}
