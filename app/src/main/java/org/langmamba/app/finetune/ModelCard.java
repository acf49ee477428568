package org.langmamba.app.finetune;

import java.time.LocalDate;
import java.util.Locale;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.train.SeriesEvaluation;

/** The model card saved beside a fine-tuned model: data, settings, scores, date, checksum. */
final class ModelCard {
    private ModelCard() {}

    static String of(
            String name, FineTuneSettings s, long steps, PairedDataset data, FineTuneRun.Comparison c, String sha256) {
        StringBuilder card = new StringBuilder();
        card.append("# ").append(name).append(" — fine-tuned SEED (LangMamba Workstation)\n\n");
        card.append("- Date: ").append(LocalDate.now()).append('\n');
        card.append("- SHA-256: `").append(sha256).append("`\n");
        card.append("- Started from: ")
                .append(s.baseName())
                .append(" (`")
                .append(s.baseModel().getFileName())
                .append("`)\n\n");
        card.append("## Data\n\n")
                .append(data.summary())
                .append(" (data set: `")
                .append(data.folder())
                .append("`).\n");
        card.append("Sources: ")
                .append(data.pairs().stream()
                        .map(p -> p.source().replaceAll(" from .*| [^ ]+\\.dcm.*", ""))
                        .distinct()
                        .limit(3)
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(""))
                .append("\n\n");
        card.append("## Settings\n\n");
        card.append(String.format(
                Locale.ROOT,
                "lambda (LangDA) %s, patch %d, batch %d, learning rate %s (cosine to 1/100), "
                        + "%d steps (budget %s %s), device %s. The LangAE encoder is the shipped one, frozen.%n%n",
                s.lambda(),
                s.patchSize(),
                s.batchSize(),
                s.learningRate(),
                steps,
                s.budget(),
                s.budgetUnit().name().toLowerCase(Locale.ROOT),
                s.device()));
        card.append("## Validation scores (")
                .append(c.windowDescription())
                .append(")\n\n| model | PSNR (dB) | SSIM | FSIM |\n| --- | --- | --- | --- |\n");
        card.append(row("low-dose input (no denoising)", c.ldct()))
                .append(row("base: " + s.baseName(), c.base()))
                .append(row("fine-tuned: " + name, c.tuned()));
        return card.toString();
    }

    private static String row(String label, SeriesEvaluation.Summary s) {
        return String.format(
                Locale.ROOT,
                "| %s | %.2f ± %.2f | %.4f ± %.4f | %.4f ± %.4f |%n",
                label,
                s.psnrMean(),
                s.psnrSd(),
                s.ssimMean(),
                s.ssimSd(),
                s.fsimMean(),
                s.fsimSd());
    }
}
