package org.langmamba.training.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.loss.LangDaLoss;
import org.langmamba.inference.model.Models;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.train.ConsoleProgress;
import org.langmamba.training.train.DenoiserTraining;
import org.langmamba.training.train.DenoiserTrainingConfig;
import org.langmamba.training.train.StopOnSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stage 2 on the command line: SEED or RED-CNN with MSE + lambda * LangDA, checkpoints, --resume. */
@Command(
        name = "train-denoiser",
        mixinStandardHelpOptions = true,
        description = "Train SEED or RED-CNN on a paired data set (make-dataset) with MSE + lambda * LangDA.")
public final class TrainDenoiserCommand implements Callable<Integer> {
    @Mixin
    TrainingRunOptions run = new TrainingRunOptions();

    @Option(
            names = "--model",
            defaultValue = "seed-compact",
            description = "seed-compact, seed-compact-direct, seed-paper or redcnn (default ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--langae",
            description = "trained LangAE (train-langae's langae.lmmd); needed by SEED and by LangDA")
    Path langAe;

    @Option(
            names = "--langae-size",
            defaultValue = "compact",
            description = "compact or paper (default ${DEFAULT-VALUE})")
    String langAeSize;

    @Option(
            names = "--lambda",
            defaultValue = "0.1",
            description = "LangDA weight; 0 = MSE only (default ${DEFAULT-VALUE})")
    float lambda;

    @Option(
            names = "--langda-terms",
            defaultValue = "BOTH",
            description = "BOTH, CONTINUOUS_ONLY, DISCRETE_ONLY (default ${DEFAULT-VALUE})")
    LangDaLoss.Terms terms;

    @Option(
            names = "--patch",
            defaultValue = "64",
            description = "patch edge, a multiple of 16 (default ${DEFAULT-VALUE})")
    int patch;

    @Option(
            names = "--lr",
            defaultValue = "1e-4",
            description = "start of the cosine schedule (default ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--lr-end",
            defaultValue = "1e-6",
            description = "end of the cosine schedule (default ${DEFAULT-VALUE})")
    double lrEnd;

    @Option(names = "--validate-every", defaultValue = "200", description = "steps between validations on whole slices")
    int validateEvery;

    @Option(names = "--validation-slices", defaultValue = "4", description = "validation slices scored each time")
    int validationSlices;

    @Override
    public Integer call() throws Exception {
        Models.Denoiser kind = Models.Denoiser.parse(model);
        DenoiserTrainingConfig config = run.checked(() -> new DenoiserTrainingConfig(
                kind,
                lambda,
                terms,
                patch,
                run.batch,
                run.steps,
                lr,
                lrEnd,
                1e-4f,
                validateEvery,
                run.checkpointEvery,
                validationSlices,
                run.seed));
        ComputeEngine.Selection selection = ComputeEngine.start(run.device);
        System.out.println(selection.description());
        PairedDataset dataset = PairedDataset.open(run.data);
        System.out.println(dataset.summary());
        try (StopOnSignal listener = new StopOnSignal(new ConsoleProgress(System.out, run.gcStress));
                NDManager manager = NDManager.newBaseManager(selection.djl())) {
            LangAe trained = null;
            if (kind.usesLangAe() || lambda > 0) {
                if (langAe == null) {
                    throw new IllegalArgumentException(
                            kind.id() + (lambda > 0 ? " with LangDA" : "") + " needs --langae (train-langae)");
                }
                LanguageCodebook codebook = DefaultCodebook.load();
                trained = Models.loadLangAe(langAe, TrainLangAeCommand.size(langAeSize), codebook, manager);
            }
            DenoiserTraining.Result result =
                    new DenoiserTraining(config, dataset, trained, run.out, manager).run(run.resume, listener);
            if (result.model() != null) {
                System.out.printf(
                        Locale.ROOT,
                        "model %s (SHA-256 %s), %d steps in %.0f s%n",
                        result.model(),
                        result.modelSha256(),
                        result.losses().size(),
                        result.seconds());
            }
        }
        return 0;
    }
}
