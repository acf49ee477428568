package org.langmamba.training.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.codebook.TissueCandidatePools;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.langae.WordSpace;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.Split;
import org.langmamba.training.train.ConsoleProgress;
import org.langmamba.training.train.LangAeReport;
import org.langmamba.training.train.LangAeTraining;
import org.langmamba.training.train.StopOnSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stage 1 on the command line: LangAE on the NDCT halves of a paired data set. */
@Command(
        name = "train-langae",
        mixinStandardHelpOptions = true,
        description =
                "Pre-train LangAE on NDCT (reconstruction, commitment, perceptual, adversarial, pyramid semantic loss).")
public final class TrainLangAeCommand implements Callable<Integer> {
    @Mixin
    TrainingRunOptions run = new TrainingRunOptions();

    @Option(names = "--size", defaultValue = "compact", description = "compact or paper (default ${DEFAULT-VALUE})")
    String size;

    @Option(
            names = "--patch",
            defaultValue = "128",
            description = "patch edge, a multiple of 64 (default ${DEFAULT-VALUE})")
    int patch;

    @Option(
            names = "--lr",
            defaultValue = "2e-4",
            description = "start of the cosine schedule (default ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--lr-end",
            defaultValue = "1e-5",
            description = "end of the cosine schedule (default ${DEFAULT-VALUE})")
    double lrEnd;

    @Option(names = "--disc-start", defaultValue = "500", description = "step from which the adversarial term counts")
    long discStart;

    @Option(names = "--beta", defaultValue = "0.33", description = "commitment weight (default ${DEFAULT-VALUE})")
    float beta;

    @Option(
            names = "--gan-weight",
            defaultValue = "0.1",
            description = "adversarial weight lambda (default ${DEFAULT-VALUE})")
    float ganWeight;

    @Option(
            names = "--perceptual-weight",
            defaultValue = "0.1",
            description = "perceptual weight eta (default ${DEFAULT-VALUE})")
    float perceptualWeight;

    @Option(
            names = "--pixel-loss",
            defaultValue = "L1",
            description = "L1 (the authors' code) or L2 (the paper's formula) (default ${DEFAULT-VALUE})")
    LangAeTraining.PixelLoss pixelLoss;

    @Option(
            names = "--semantic-weight",
            defaultValue = "1",
            description = "pyramid semantic weight alpha (default ${DEFAULT-VALUE})")
    float semanticWeight;

    @Option(
            names = "--word-usage-weight",
            defaultValue = "0",
            description = "weight of the word-usage entropy term that keeps the finest level from collapsing onto a"
                    + " few words (ADR 0010; default ${DEFAULT-VALUE}: off)")
    float wordUsageWeight;

    @Option(
            names = "--semantic-from",
            defaultValue = "0",
            description = "step from which the semantic term counts: words after the image (default ${DEFAULT-VALUE})")
    long semanticFrom;

    @Option(
            names = "--without-words",
            description = "probe: the decoder draws from the encoder's latent, no quantizer (what this size"
                    + " reaches without words; the model has no usable tokens)")
    boolean withoutWords;

    @Option(
            names = "--word-map",
            description = "the decoder reads each word through one learnt linear map of the frozen table (SimVQ;"
                    + " the token stays a word; ADR 0010)")
    boolean wordMap;

    @Option(
            names = "--factorized-lookup",
            description = "words chosen in a low-dimensional look-up space (ViT-VQGAN's factorised codes over the"
                    + " frozen words; ADR 0010)")
    boolean factorizedLookup;

    @Option(
            names = "--lookup-dimension",
            defaultValue = "8",
            description = "dimensions of the factorised look-up: 8, 16 or 32 (default ${DEFAULT-VALUE})")
    int lookupDimension;

    @Option(
            names = "--detail-level",
            description = "probe: a fourth pyramid level at every latent position that quantizes what the three"
                    + " coarser words still lack (SPAE's dense last layer; its tokens are words the semantic term"
                    + " does not pull; ADR 0010)")
    boolean detailLevel;

    @Option(
            names = "--word-strength",
            description = "the decoder reads each chosen word at the strength (length) of the look-up latent that"
                    + " chose it: one number per position beside the word; the words are chosen as before (needs"
                    + " --factorized-lookup; ADR 0010)")
    boolean wordStrength;

    @Option(
            names = "--soft-tissue-weight",
            defaultValue = "0",
            description = "weight of an extra pixel term where the NDCT lies in [-160, 240] HU, in units of that"
                    + " window (the plain term measures soft tissue over the whole -1024..3072 HU scale;"
                    + " default ${DEFAULT-VALUE}: off)")
    float softTissueWeight;

    @Option(
            names = "--start-from",
            description = "a LangAE model file of the same network whose weights the run starts from: a longer"
                    + " schedule for a finished run (the optimizer and the schedule start afresh; use another"
                    + " --seed for other patches)")
    Path startFrom;

    /** The network to train: the size, with the word space the options ask for. */
    private LangAeConfig network() {
        if (wordMap && factorizedLookup) {
            throw new IllegalArgumentException("--word-map and --factorized-lookup are two different word spaces");
        }
        if (lookupDimension != WordSpace.LOOKUP_DIMENSION && !factorizedLookup) {
            throw new IllegalArgumentException("--lookup-dimension needs --factorized-lookup");
        }
        if (wordStrength && !factorizedLookup) {
            throw new IllegalArgumentException("--word-strength needs --factorized-lookup");
        }
        LangAeConfig config = size(size).withDetailLevels(detailLevel ? 1 : 0);
        return wordMap
                ? config.withLearntWordMap()
                : factorizedLookup
                        ? config.withFactorizedLookup(lookupDimension).withWordStrength(wordStrength)
                        : config;
    }

    static LangAeConfig size(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "compact" -> LangAeConfig.compact();
            case "paper" -> LangAeConfig.paper();
            default -> throw new IllegalArgumentException("LangAE size is compact or paper, not '" + name + "'");
        };
    }

    /** The held-out report (test split, else validation) on the console and as report.md in the run folder. */
    private void report(PairedDataset dataset, LangAeTraining training, NDManager manager) throws IOException {
        Split split = dataset.pairs(Split.TEST).isEmpty() ? Split.VALIDATION : Split.TEST;
        List<PairedSlice> heldOut = dataset.pairs(split);
        if (heldOut.isEmpty()) {
            System.out.println("no held-out slices: no reconstruction report");
            return;
        }
        String report = "LangAE on " + heldOut.size() + " " + split + " slices\n\n"
                + LangAeReport.of(training.langAe(), manager, heldOut, CtLexicon.standard(), withoutWords)
                        .format();
        System.out.println();
        System.out.print(report);
        AtomicFiles.write(report.getBytes(StandardCharsets.UTF_8), run.out.resolve("report.md"));
    }

    @Override
    public Integer call() throws Exception {
        // Defaults are SPEC's weights: beta 0.33, lambda (GAN) 0.1, eta (perceptual) 0.1, alpha (semantic) 1.
        LangAeTraining.Config config = run.checked(() -> new LangAeTraining.Config(
                network(),
                patch,
                run.batch,
                run.steps,
                lr,
                lrEnd,
                beta,
                ganWeight,
                perceptualWeight,
                semanticWeight,
                discStart,
                run.checkpointEvery,
                run.seed,
                pixelLoss,
                wordUsageWeight,
                semanticFrom,
                withoutWords,
                softTissueWeight));
        ComputeEngine.Selection selection = ComputeEngine.start(run.device);
        System.out.println(selection.description());
        PairedDataset dataset = PairedDataset.open(run.data);
        System.out.println(dataset.summary());
        LanguageCodebook codebook = DefaultCodebook.load();
        TissueCandidatePools pools =
                new TissueCandidatePools(CtLexicon.standard(), codebook, TissueCandidatePools.DEFAULT_THRESHOLDS);
        try (StopOnSignal listener = new StopOnSignal(new ConsoleProgress(System.out, run.gcStress));
                NDManager manager = NDManager.newBaseManager(selection.djl())) {
            LangAeTraining training = new LangAeTraining(config, dataset, codebook, pools, run.out, manager);
            if (startFrom != null) {
                training.startFrom(startFrom);
                System.out.println("starting from the weights of " + startFrom);
            }
            LangAeTraining.Result result = training.run(run.resume, listener);
            if (result.model() != null) {
                System.out.printf(
                        Locale.ROOT,
                        "LangAE %s (SHA-256 %s), %d steps in %.0f s; last step: %s%n",
                        result.model(),
                        result.modelSha256(),
                        result.losses().size(),
                        result.seconds(),
                        result.losses().get(result.losses().size() - 1));
                report(dataset, training, manager);
            }
        }
        return 0;
    }
}
