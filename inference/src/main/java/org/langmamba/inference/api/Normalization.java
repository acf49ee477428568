package org.langmamba.inference.api;

/**
 * The one place HU become network values and back: HU clipped to [lowerHu, upperHu] and mapped
 * linearly to [0, 1]. The default range [-1024, 3072] HU is CoreDiff's for Mayo data (SPEC.md):
 * it keeps air, soft tissue and bone apart without saturating.
 */
public record Normalization(double lowerHu, double upperHu) {
    public static final Normalization DEFAULT = new Normalization(-1024, 3072);

    public Normalization {
        if (!(upperHu > lowerHu)) {
            throw new IllegalArgumentException("normalisation range needs upper > lower HU");
        }
    }

    public float toNetwork(float hu) {
        double clipped = Math.max(lowerHu, Math.min(upperHu, hu));
        return (float) ((clipped - lowerHu) / (upperHu - lowerHu));
    }

    public float toHu(float value) {
        return (float) (value * (upperHu - lowerHu) + lowerHu);
    }

    public float[] toNetwork(float[] hu) {
        float[] out = new float[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = toNetwork(hu[i]);
        }
        return out;
    }

    public float[] toHu(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = toHu(values[i]);
        }
        return out;
    }
}
