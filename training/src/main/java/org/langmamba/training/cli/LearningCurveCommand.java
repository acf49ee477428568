package org.langmamba.training.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.langmamba.training.train.DenoiserTraining;
import org.langmamba.training.train.LearningCurve;
import org.langmamba.training.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The learning curve of a denoiser run from its checkpoint, finished or still running: the same
 * CSV and picture a finished run writes beside its model.
 */
@Command(
        name = "learning-curve",
        mixinStandardHelpOptions = true,
        description =
                "Write learning-curve.csv and learning-curve.png of a train-denoiser run from its checkpoint (also while it runs).")
public final class LearningCurveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_FOLDER", description = "train-denoiser's --out folder")
    Path run;

    @Option(
            names = "--low-dose-psnr",
            description = "the low-dose input's validation PSNR (the run prints it first), drawn dashed")
    Double lowDosePsnr;

    @Option(names = "--out", description = "folder for the two files (default: the run folder)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path file = run.resolve(DenoiserTraining.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    run + " has no " + DenoiserTraining.CHECKPOINT + ": not a train-denoiser run folder");
        }
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(file);
        List<Double> losses = DenoiserTraining.losses(checkpoint);
        List<String> validations = checkpoint.lines("validations");
        Path folder = out == null ? run : out;
        Files.createDirectories(folder);
        LearningCurve.write(
                folder, checkpoint.description(), losses, validations, lowDosePsnr == null ? Double.NaN : lowDosePsnr);
        System.out.printf(
                "%s: %d steps, %d validations -> %s, %s%n",
                run,
                losses.size(),
                LearningCurve.validations(validations).size(),
                folder.resolve(LearningCurve.CSV),
                folder.resolve(LearningCurve.PNG));
        return 0;
    }
}
