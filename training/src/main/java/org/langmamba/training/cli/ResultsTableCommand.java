package org.langmamba.training.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.Window;
import org.langmamba.inference.api.HuDenoiser;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.inference.model.Models;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.Split;
import org.langmamba.training.train.SeriesEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper's Table I for our data: LDCT and each given model on the held-out slices, PSNR / SSIM /
 * FSIM mean ± SD in the abdominal window and seconds per slice, as a Markdown table. Rows for
 * models not given are left out, so the same command scores one site's single model too.
 */
@Command(
        name = "results-table",
        mixinStandardHelpOptions = true,
        description = "Score LDCT, RED-CNN, RED-CNN + LangDA, SEED (MSE) and LangMamba on a test set (Table I layout).")
public final class ResultsTableCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "paired data set folder (make-dataset)")
    Path data;

    @Option(names = "--split", defaultValue = "TEST", description = "TEST or VALIDATION (default ${DEFAULT-VALUE})")
    Split split;

    @Option(names = "--langae", description = "the LangAE the SEED models were trained on (their encoder)")
    Path langAe;

    @Option(
            names = "--langae-size",
            defaultValue = "compact",
            description = "compact or paper (default ${DEFAULT-VALUE})")
    String langAeSize;

    @Option(names = "--redcnn", description = "RED-CNN trained with MSE")
    Path redCnn;

    @Option(names = "--redcnn-langda", description = "RED-CNN trained with MSE + LangDA")
    Path redCnnLangDa;

    @Option(names = "--seed-mse", description = "SEED trained with MSE only")
    Path seedMse;

    @Option(names = "--langmamba", description = "SEED trained with MSE + LangDA (LangMamba)")
    Path langMamba;

    @Option(
            names = "--seed-size",
            defaultValue = "seed-compact",
            description = "seed-compact or seed-paper (default ${DEFAULT-VALUE})")
    String seedSize;

    @Option(
            names = "--shipped",
            description =
                    "score the four denoisers shipped with the workstation (LangMamba, SEED (MSE), RED-CNN, RED-CNN + LangDA)")
    boolean shipped;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    private record Row(String method, Path model, Models.Denoiser kind) {}

    @Override
    public Integer call() throws Exception {
        ComputeEngine.Selection selection = ComputeEngine.start(device);
        PairedDataset dataset = PairedDataset.open(data);
        List<PairedSlice> pairs = dataset.pairs(split);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(data + " has no " + split + " slices");
        }
        if (shipped) {
            langAe = SharedResources.path(DefaultModels.LANGAE);
            langMamba = langMamba == null ? SharedResources.path(DefaultModels.LANGMAMBA) : langMamba;
            redCnn = redCnn == null ? SharedResources.path(DefaultModels.REDCNN) : redCnn;
            redCnnLangDa = redCnnLangDa == null ? SharedResources.path(DefaultModels.REDCNN_LANGDA) : redCnnLangDa;
            seedMse = seedMse == null ? SharedResources.path(DefaultModels.SEED_MSE) : seedMse;
        }
        Models.Denoiser seed = Models.Denoiser.parse(seedSize);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("LDCT", null, null));
        addIfGiven(rows, "RED-CNN", redCnn, Models.Denoiser.REDCNN);
        addIfGiven(rows, "RED-CNN + LangDA", redCnnLangDa, Models.Denoiser.REDCNN);
        addIfGiven(rows, "SEED (MSE)", seedMse, seed);
        addIfGiven(rows, "LangMamba (SEED + LangDA)", langMamba, seed);
        System.out.printf(
                Locale.ROOT,
                "%d %s slices of %d patients from %s; %s%n%n",
                pairs.size(),
                split,
                pairs.stream().map(PairedSlice::patientId).distinct().count(),
                data,
                selection.description());
        List<String> lines = new ArrayList<>();
        lines.add(header("all held-out slices"));
        List<String> realLines = new ArrayList<>();
        Predicate<PairedSlice> real = p -> !p.patientId().startsWith("PHANTOM-");
        List<PairedSlice> realPairs = pairs.stream().filter(real).toList();
        try (NDManager manager = NDManager.newBaseManager(selection.djl())) {
            LangAe encoder = null;
            for (Row row : rows) {
                UnaryOperator<HuImage> denoiser = null;
                if (row.model() != null) {
                    if (row.kind().usesLangAe() && encoder == null) {
                        if (langAe == null) {
                            throw new IllegalArgumentException(
                                    row.method() + " is a SEED model: give --langae, its encoder");
                        }
                        encoder = Models.loadLangAe(
                                langAe, TrainLangAeCommand.size(langAeSize), DefaultCodebook.load(), manager);
                    }
                    Block block = Models.loadDenoiser(
                            row.model(), row.kind(), row.kind().usesLangAe() ? encoder : null, manager);
                    denoiser = new HuDenoiser(block, manager, Normalization.DEFAULT)::denoise;
                }
                System.out.println("scoring " + row.method() + (row.model() == null ? "" : " (" + row.model() + ")"));
                List<SeriesEvaluation.SliceResult> results = SeriesEvaluation.evaluate(pairs, denoiser, Window.ABDOMEN);
                lines.add(line(row.method(), SeriesEvaluation.summarise(results)));
                if (!realPairs.isEmpty() && realPairs.size() < pairs.size()) {
                    realLines.add(line(
                            row.method(),
                            SeriesEvaluation.summarise(results.stream()
                                    .filter(r -> real.test(r.pair()))
                                    .toList())));
                }
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
        if (!realLines.isEmpty()) {
            System.out.println();
            System.out.println(header("real (non-phantom) held-out patients only"));
            realLines.forEach(System.out::println);
        }
        return 0;
    }

    private static void addIfGiven(List<Row> rows, String method, Path model, Models.Denoiser kind) {
        if (model != null) {
            rows.add(new Row(method, model, kind));
        }
    }

    private static String header(String title) {
        return "| Method (" + title + ") | PSNR (dB) | SSIM | FSIM | s/slice |\n| --- | --- | --- | --- | --- |";
    }

    private static String line(String method, SeriesEvaluation.Summary s) {
        return String.format(
                Locale.ROOT,
                "| %s | %.2f ± %.2f | %.4f ± %.4f | %.4f ± %.4f | %.2f |",
                method,
                s.psnrMean(),
                s.psnrSd(),
                s.ssimMean(),
                s.ssimSd(),
                s.fsimMean(),
                s.fsimSd(),
                s.secondsPerSlice());
    }
}
