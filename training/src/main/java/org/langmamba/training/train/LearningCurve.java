package org.langmamba.training.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.langmamba.inference.io.AtomicFiles;

/**
 * A denoiser run's learning curve, written beside its model: {@code learning-curve.csv} (per step:
 * the loss and its 50-step moving average; per validation: PSNR in the abdominal window) and
 * {@code learning-curve.png} (the moving-average loss on a log scale, validation PSNR against the
 * low-dose input's). Validations come from the run's validation lines, which the checkpoint keeps,
 * so a resumed run draws its whole curve.
 */
public final class LearningCurve {
    public static final String CSV = "learning-curve.csv";
    public static final String PNG = "learning-curve.png";
    private static final Pattern VALIDATION = Pattern.compile("^step (\\d+) validation: PSNR ([0-9.]+)");
    private static final int WINDOW = 50;

    /** A validation: the step after which it ran and its mean PSNR. */
    public record Validation(long step, double psnr) {}

    private LearningCurve() {}

    /** The line a run logs and checkpoints for a validation; {@link #validations} reads it back. */
    public static String validationLine(long step, SeriesEvaluation.Summary scores) {
        return String.format(Locale.ROOT, "step %d validation: %s", step, scores.format());
    }

    public static List<Validation> validations(List<String> lines) {
        List<Validation> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = VALIDATION.matcher(line);
            if (m.find()) {
                out.add(new Validation(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))));
            }
        }
        return out;
    }

    static double[] movingAverage(List<Double> losses) {
        double[] out = new double[losses.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += losses.get(i);
            if (i >= WINDOW) {
                sum -= losses.get(i - WINDOW);
            }
            out[i] = sum / Math.min(i + 1, WINDOW);
        }
        return out;
    }

    /** Writes the CSV and the PNG into {@code folder} (each atomically); NaN {@code lowDosePsnr}: no baseline. */
    public static void write(
            Path folder, String title, List<Double> losses, List<String> validationLines, double lowDosePsnr)
            throws IOException {
        double[] smooth = movingAverage(losses);
        List<Validation> validations = validations(validationLines);
        StringBuilder csv = new StringBuilder("step,loss,loss_mean50,validation_psnr_db\n");
        int v = 0;
        for (int i = 0; i < losses.size(); i++) {
            long step = i + 1;
            String psnr = "";
            while (v < validations.size() && validations.get(v).step() < step) {
                v++;
            }
            if (v < validations.size() && validations.get(v).step() == step) {
                psnr = String.format(Locale.ROOT, "%.4f", validations.get(v).psnr());
            }
            csv.append(String.format(Locale.ROOT, "%d,%.6e,%.6e,%s%n", step, losses.get(i), smooth[i], psnr));
        }
        AtomicFiles.write(csv.toString().getBytes(StandardCharsets.UTF_8), folder.resolve(CSV));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(draw(title, smooth, validations, lowDosePsnr), "png", png);
        AtomicFiles.write(png.toByteArray(), folder.resolve(PNG));
    }

    private static BufferedImage draw(String title, double[] smooth, List<Validation> validations, double lowDosePsnr) {
        int w = 960, h = 440, left = 70, right = 110, top = 56, bottom = 50;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 20);
        g.drawRect(left, top, w - left - right, h - top - bottom);
        int plotW = w - left - right, plotH = h - top - bottom;
        long steps = Math.max(1, smooth.length);
        g.drawString("step", left + plotW / 2 - 12, h - 12);
        g.drawString("0", left - 4, h - bottom + 16);
        g.drawString(Long.toString(steps), left + plotW - 20, h - bottom + 16);
        // Loss (left axis, log scale), blue.
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double s : smooth) {
            if (s > 0 && Double.isFinite(s)) {
                lo = Math.min(lo, Math.log10(s));
                hi = Math.max(hi, Math.log10(s));
            }
        }
        if (lo <= hi) {
            hi = Math.max(hi, lo + 0.1);
            g.setColor(new Color(0x1f77b4));
            g.drawString(
                    String.format(Locale.ROOT, "training loss, mean of %d steps (log scale)", WINDOW), left, top - 6);
            g.drawString(String.format(Locale.ROOT, "%.1e", Math.pow(10, hi)), 4, top + 12);
            g.drawString(String.format(Locale.ROOT, "%.1e", Math.pow(10, lo)), 4, top + plotH);
            g.setStroke(new BasicStroke(1.5f));
            int px = -1, py = -1;
            for (int i = 0; i < smooth.length; i++) {
                if (!(smooth[i] > 0)) {
                    continue;
                }
                int x = left + (int) ((long) plotW * (i + 1) / steps);
                int y = top + (int) (plotH * (hi - Math.log10(smooth[i])) / (hi - lo));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        // Validation PSNR (right axis), red, with the low-dose input's PSNR dashed.
        double pLo = lowDosePsnr, pHi = lowDosePsnr;
        for (Validation v : validations) {
            pLo = Double.isNaN(pLo) ? v.psnr() : Math.min(pLo, v.psnr());
            pHi = Double.isNaN(pHi) ? v.psnr() : Math.max(pHi, v.psnr());
        }
        if (!Double.isNaN(pLo)) {
            pLo -= 0.5;
            pHi += 0.5;
            g.setColor(new Color(0xd62728));
            g.drawString(String.format(Locale.ROOT, "%.1f dB", pHi), w - right + 6, top + 12);
            g.drawString(String.format(Locale.ROOT, "%.1f dB", pLo), w - right + 6, top + plotH);
            g.drawString("validation", w - right + 6, top + plotH / 2 - 8);
            g.drawString("PSNR", w - right + 6, top + plotH / 2 + 8);
            if (!Double.isNaN(lowDosePsnr)) {
                int y = top + (int) (plotH * (pHi - lowDosePsnr) / (pHi - pLo));
                g.setStroke(new BasicStroke(
                        1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                g.drawLine(left, y, left + plotW, y);
                g.drawString("low-dose input", left + 6, y - 4);
            }
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (Validation v : validations) {
                int x = left + (int) (plotW * v.step() / steps);
                int y = top + (int) (plotH * (pHi - v.psnr()) / (pHi - pLo));
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.dispose();
        return image;
    }
}
