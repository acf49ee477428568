package org.langmamba.app.finetune;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.inference.io.AtomicFiles;

/**
 * The wizard's model step: the model to start from, LangDA's weight, patches, learning rate and a
 * budget in epochs or minutes, and the device. Kept beside the run as {@code settings.properties},
 * so a run the app left unfinished can be resumed with exactly these settings.
 *
 * @param baseModel the .lmmd file to start from (a shipped SEED or an earlier fine-tune)
 * @param baseName  its name as the toolbar lists it
 * @param budget    epochs (passes over the training patches) or minutes, after {@code budgetUnit}
 */
public record FineTuneSettings(
        Path baseModel,
        String baseName,
        float lambda,
        int patchSize,
        int batchSize,
        double learningRate,
        double budget,
        BudgetUnit budgetUnit,
        ComputeDevice device) {
    public enum BudgetUnit {
        EPOCHS,
        MINUTES
    }

    static final String FILE = "settings.properties";

    public FineTuneSettings {
        if (patchSize < 16 || patchSize % 16 != 0) {
            throw new IllegalArgumentException(
                    "patch size must be a multiple of 16 (LangAE's stride), not " + patchSize);
        }
        if (batchSize < 1 || batchSize > 64) {
            throw new IllegalArgumentException("batch size must be 1 to 64, not " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be between 0 and 1, not " + learningRate);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be 0 or more, not " + lambda);
        }
        if (!(budget > 0)) {
            throw new IllegalArgumentException(
                    "the budget must be more than 0 " + budgetUnit.name().toLowerCase(Locale.ROOT));
        }
    }

    void save(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("base.model", baseModel.toString());
        p.setProperty("base.name", baseName);
        p.setProperty("lambda", Float.toString(lambda));
        p.setProperty("patch", Integer.toString(patchSize));
        p.setProperty("batch", Integer.toString(batchSize));
        p.setProperty("lr", Double.toString(learningRate));
        p.setProperty("budget", Double.toString(budget));
        p.setProperty("budget.unit", budgetUnit.name());
        p.setProperty("device", device.name());
        StringWriter text = new StringWriter();
        p.store(text, "LangMamba fine-tuning run");
        AtomicFiles.write(text.toString().getBytes(StandardCharsets.UTF_8), folder.resolve(FILE));
    }

    static FineTuneSettings load(Path folder) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return new FineTuneSettings(
                    Path.of(p.getProperty("base.model")),
                    p.getProperty("base.name", "?"),
                    Float.parseFloat(p.getProperty("lambda")),
                    Integer.parseInt(p.getProperty("patch")),
                    Integer.parseInt(p.getProperty("batch")),
                    Double.parseDouble(p.getProperty("lr")),
                    Double.parseDouble(p.getProperty("budget")),
                    BudgetUnit.valueOf(p.getProperty("budget.unit")),
                    ComputeDevice.parse(p.getProperty("device", ComputeDevice.CPU.name())));
        } catch (RuntimeException e) {
            throw new IOException(folder.resolve(FILE) + " is damaged: " + e.getMessage(), e);
        }
    }
}
