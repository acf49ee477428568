package org.langmamba.training.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.langmamba.imaging.image.HuImage;

/**
 * Made-up "patients" for training when real CT is scarce (the project has three real patients):
 * each is the abdomen or the Shepp-Logan head phantom with its anatomy varied by a seed (body
 * size and shape, organ positions and densities, a few lesions of low and high contrast), turned
 * by a random angle, with a smooth tissue texture so the denoiser sees more than flat regions.
 * The same index always gives the same patient, so a data set is reproducible from its command.
 *
 * <p>The slice is the noise-free object; the data-set command scans it at full dose (ABSOLUTE mode)
 * to make its NDCT, then lowers the dose of that scan, as for real slices.
 */
public final class PhantomPatients {
    /** Texture standard deviation in HU: parenchyma in real NDCT varies by about this much. */
    private static final double TEXTURE_SD_HU = 6.0;

    private static final long SALT = 0x5EED_CAFEL;

    private PhantomPatients() {}

    /** Patient id as it goes in the manifest: phantom patients never collide with DICOM ones. */
    public static String patientId(int index) {
        return String.format(Locale.ROOT, "PHANTOM-%03d", index);
    }

    /** Slice {@code sliceIndex} of phantom patient {@code index}: n x n across the reconstruction circle. */
    public static HuImage slice(int index, int sliceIndex, int n) {
        SplittableRandom random = new SplittableRandom(SALT + 1_000L * index + sliceIndex);
        EllipsePhantom base = (index % 4 == 3) ? Phantoms.sheppLogan() : Phantoms.abdomen();
        EllipsePhantom varied = vary(base, random);
        float[] hu = varied.rasterise(n).toArray();
        addTexture(hu, random, n);
        return new HuImage(n, n, hu);
    }

    /** Which kind of anatomy the patient is, for messages and model cards. */
    public static String kind(int index) {
        return index % 4 == 3 ? "head (Shepp-Logan variant)" : "abdomen variant";
    }

    static EllipsePhantom vary(EllipsePhantom base, SplittableRandom random) {
        double scaleX = 0.85 + 0.15 * random.nextDouble();
        double scaleY = 0.85 + 0.15 * random.nextDouble();
        double turn = random.nextDouble(-25, 25);
        List<Ellipse> out = new ArrayList<>();
        List<Ellipse> ellipses = base.ellipses();
        for (int i = 0; i < ellipses.size(); i++) {
            Ellipse e = ellipses.get(i);
            // The outer two ellipses set body and wall: keep them centred so the body stays whole.
            boolean outer = i < 2;
            double jitter = outer ? 0 : 0.03;
            double size = outer ? 1 : 0.8 + 0.4 * random.nextDouble();
            double delta = outer ? e.deltaHu() : e.deltaHu() * (0.85 + 0.3 * random.nextDouble());
            out.add(new Ellipse(
                    e.cx() * scaleX + random.nextDouble(-jitter, jitter + 1e-12),
                    e.cy() * scaleY + random.nextDouble(-jitter, jitter + 1e-12),
                    e.a() * scaleX * size,
                    e.b() * scaleY * size,
                    e.angleDeg() + random.nextDouble(-10, 10),
                    delta));
        }
        // Lesions: small, inside the inner ellipse, some subtle (+-15 HU), some bright (calcium).
        Ellipse inner = out.get(1);
        int lesions = 2 + random.nextInt(4);
        for (int k = 0; k < lesions; k++) {
            double r = 0.6 * Math.sqrt(random.nextDouble());
            double phi = random.nextDouble(0, 2 * Math.PI);
            double radius = 0.015 + 0.04 * random.nextDouble();
            double contrast = random.nextInt(4) == 0 ? random.nextDouble(200, 600) : random.nextDouble(-30, 30);
            out.add(new Ellipse(
                    inner.cx() + r * inner.a() * Math.cos(phi),
                    inner.cy() + r * inner.b() * Math.sin(phi),
                    radius,
                    radius * (0.6 + 0.8 * random.nextDouble()),
                    random.nextDouble(0, 180),
                    contrast));
        }
        return new EllipsePhantom(base.name() + " variant", rotate(out, turn));
    }

    private static List<Ellipse> rotate(List<Ellipse> ellipses, double degrees) {
        double t = Math.toRadians(degrees);
        return ellipses.stream()
                .map(e -> new Ellipse(
                        e.cx() * Math.cos(t) - e.cy() * Math.sin(t),
                        e.cx() * Math.sin(t) + e.cy() * Math.cos(t),
                        e.a(),
                        e.b(),
                        e.angleDeg() + degrees,
                        e.deltaHu()))
                .toList();
    }

    /**
     * Smooth texture inside the body (not in air): white noise box-blurred three times (close to a
     * Gaussian of about 3 px), scaled to {@link #TEXTURE_SD_HU}.
     */
    private static void addTexture(float[] hu, SplittableRandom random, int n) {
        float[] field = new float[n * n];
        for (int i = 0; i < field.length; i++) {
            field[i] = (float) random.nextGaussian();
        }
        for (int pass = 0; pass < 3; pass++) {
            field = boxBlur(field, n, 2);
        }
        double sumSq = 0;
        for (float v : field) {
            sumSq += v * v;
        }
        float scale = (float) (TEXTURE_SD_HU / Math.sqrt(sumSq / field.length + 1e-12));
        for (int i = 0; i < hu.length; i++) {
            if (hu[i] > -900f) {
                hu[i] += field[i] * scale;
            }
        }
    }

    private static float[] boxBlur(float[] in, int n, int radius) {
        float[] rows = new float[in.length];
        float[] out = new float[in.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float sum = 0;
                int count = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < n) {
                        sum += in[y * n + xx];
                        count++;
                    }
                }
                rows[y * n + x] = sum / count;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float sum = 0;
                int count = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = y + k;
                    if (yy >= 0 && yy < n) {
                        sum += rows[yy * n + x];
                        count++;
                    }
                }
                out[y * n + x] = sum / count;
            }
        }
        return out;
    }
}
