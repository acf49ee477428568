package org.langmamba.training.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.langmamba.imaging.device.DevicePreference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options both training stages share: data, run folder, steps, checkpoints, seed, resume, device. */
final class TrainingRunOptions {
    @Option(names = "--data", required = true, description = "paired data set folder (make-dataset)")
    Path data;

    @Option(names = "--out", required = true, description = "run folder: checkpoint.lmck, then the trained model")
    Path out;

    @Option(
            names = "--batch",
            defaultValue = "2",
            description = "patches per step (default ${DEFAULT-VALUE}, as the paper)")
    int batch;

    @Option(names = "--steps", defaultValue = "2000", description = "training steps (default ${DEFAULT-VALUE})")
    long steps;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "50",
            description = "steps between checkpoints (a kill loses at most these)")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "1", description = "weights and patches (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--resume", description = "continue the checkpoint in --out")
    boolean resume;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    @Option(
            names = "--gc-stress",
            description =
                    "collect garbage and scribble over freed memory before every backward pass: "
                            + "a run that is still exact and finite this way is safe from the freed-memory faults of ADR 0008 (slower)")
    boolean gcStress;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Settings that break a rule are a usage error (exit 2, with the rule), found before anything is written. */
    <T> T checked(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
