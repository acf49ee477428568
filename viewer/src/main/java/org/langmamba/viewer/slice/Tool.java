package org.langmamba.viewer.slice;

/**
 * What a left-drag does in a slice pane. Right-drag (or Ctrl+left-drag) is always window/level
 * and middle-drag always pans, whatever the tool, as radiologists expect.
 */
public enum Tool {
    WINDOW("Window/level"),
    PAN("Pan"),
    ZOOM("Zoom"),
    ROI_RECTANGLE("Rectangle ROI"),
    ROI_ELLIPSE("Ellipse ROI"),
    LINE("Line profile / distance");

    private final String label;

    Tool(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
