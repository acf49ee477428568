package org.langmamba.viewer.slice;

/** A straight measurement line in image coordinates (columns, rows). */
public record MeasureLine(double x0, double y0, double x1, double y1) {}
