package org.langmamba.training.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.langmamba.imaging.image.AnatomicRegion;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.RegionFinder;
import org.langmamba.inference.api.Normalization;

/**
 * Random training patches: a random pair, a random square patch of it, randomly flipped left-right
 * and up-down and transposed (CT anatomy is not symmetric, but noise is, and the 8 rotations and
 * mirrorings multiply a small data set, as the authors' flips and 90-degree rotations),
 * normalised for the network. Pairs are read from disk on demand with a small cache, so a data set
 * larger than memory works; the seed makes the sequence reproducible (and resumable by skipping).
 */
public final class PatchSampler {
    /** One training example: the same patch of LDCT (input) and NDCT (target), network values. */
    /** A pair of patches and the body region of the slice they were cut from (read from its NDCT). */
    public record Patch(float[] lowDose, float[] normalDose, int size, AnatomicRegion region) {}

    private final List<PairedSlice> pairs;
    private final int size;
    private final Normalization normalization;
    private final SplittableRandom random;
    private final long seed;
    private final Map<PairedSlice, HuImage[]> cache;
    private final Map<PairedSlice, AnatomicRegion> regions = new HashMap<>();

    public PatchSampler(
            List<PairedSlice> pairs, int patchSize, Normalization normalization, long seed, int cachedPairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no pairs to sample patches from");
        }
        for (PairedSlice p : pairs) {
            if (p.width() < patchSize || p.height() < patchSize) {
                throw new IllegalArgumentException("pair " + p.patientId() + "/" + p.sliceId() + " is " + p.width()
                        + "x" + p.height() + ", smaller than the " + patchSize + " pixel patch");
            }
        }
        this.pairs = List.copyOf(pairs);
        this.size = patchSize;
        this.normalization = normalization;
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PairedSlice, HuImage[]> eldest) {
                return size() > Math.max(1, cachedPairs);
            }
        };
    }

    /** The next {@code count} patches, e.g. one epoch of a configurable size. */
    public List<Patch> next(int count) {
        List<Patch> patches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            patches.add(next());
        }
        return patches;
    }

    public Patch next() {
        return next(random);
    }

    /**
     * The patches of training step {@code step}: a function of the seed and the step alone, so a run
     * resumed at step k draws exactly what the uninterrupted run drew there, with no RNG state saved.
     */
    public List<Patch> batch(long step, int count) {
        SplittableRandom stepRandom = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)));
        List<Patch> patches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            patches.add(next(stepRandom));
        }
        return patches;
    }

    /**
     * Patches are drawn again (up to {@link #TRIES} times) until at least this share of their NDCT
     * pixels is body (above {@link #BODY_HU}): a patch of padding air teaches nothing, and a
     * perfectly flat one makes every GroupNorm divide by its epsilon, which overflowed LangAE's
     * gradients (1000x per layer) in the first real run.
     */
    static final double MIN_BODY_FRACTION = 0.25;

    static final float BODY_HU = -900f;
    private static final int TRIES = 20;

    private Patch next(SplittableRandom random) {
        Patch patch = null;
        for (int t = 0; t < TRIES; t++) {
            patch = draw(random);
            if (bodyFraction(patch.normalDose()) >= MIN_BODY_FRACTION) {
                return patch;
            }
        }
        return patch; // a slice with hardly any body: take what it has
    }

    private double bodyFraction(float[] normalDose) {
        float threshold = normalization.toNetwork(BODY_HU);
        int body = 0;
        for (float v : normalDose) {
            if (v > threshold) {
                body++;
            }
        }
        return body / (double) normalDose.length;
    }

    private static AnatomicRegion regionOf(HuImage normalDose, double pixelSizeMm) {
        return RegionFinder.read(
                        normalDose.toArray(), normalDose.width(), normalDose.height(), pixelSizeMm, Optional.empty())
                .region();
    }

    private Patch draw(SplittableRandom random) {
        PairedSlice pair = pairs.get(random.nextInt(pairs.size()));
        HuImage[] slices = cache.computeIfAbsent(pair, p -> {
            try {
                return new HuImage[] {p.loadLowDose(), p.loadNormalDose()};
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pair " + p.patientId() + "/" + p.sliceId(), e);
            }
        });
        int x0 = random.nextInt(pair.width() - size + 1);
        int y0 = random.nextInt(pair.height() - size + 1);
        boolean flipX = random.nextBoolean();
        boolean flipY = random.nextBoolean();
        boolean transpose = random.nextBoolean(); // with the flips: all 8 rotations and mirrorings
        return new Patch(
                crop(slices[0], x0, y0, flipX, flipY, transpose),
                crop(slices[1], x0, y0, flipX, flipY, transpose),
                size,
                regions.computeIfAbsent(pair, p -> regionOf(slices[1], p.pixelSizeMm())));
    }

    private float[] crop(HuImage slice, int x0, int y0, boolean flipX, boolean flipY, boolean transpose) {
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int sy = y0 + (flipY ? size - 1 - y : y);
            for (int x = 0; x < size; x++) {
                int sx = x0 + (flipX ? size - 1 - x : x);
                int target = transpose ? x * size + y : y * size + x;
                out[target] = normalization.toNetwork(slice.hu(sx, sy));
            }
        }
        return out;
    }
}
