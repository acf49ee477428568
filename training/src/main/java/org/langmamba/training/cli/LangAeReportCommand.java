package org.langmamba.training.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.model.Models;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.Split;
import org.langmamba.training.train.LangAeReport;
import org.langmamba.training.train.TrainingCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stage-1 report: held-out reconstruction scores and the words a trained LangAE uses. */
@Command(
        name = "langae-report",
        mixinStandardHelpOptions = true,
        description =
                "Score a trained LangAE's reconstruction on held-out NDCT and list the words it uses per level and tissue.")
public final class LangAeReportCommand implements Callable<Integer> {
    @Option(
            names = "--langae",
            required = true,
            description =
                    "trained LangAE (train-langae's langae.lmmd), or a run's checkpoint.lmck to judge a run mid-way")
    Path model;

    @Option(names = "--size", defaultValue = "compact", description = "compact or paper (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--data", required = true, description = "paired data set folder (make-dataset)")
    Path data;

    @Option(
            names = "--split",
            defaultValue = "TEST",
            description = "held-out split: TEST or VALIDATION (default ${DEFAULT-VALUE})")
    Split split;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    private LangAe load(NDManager manager) throws IOException {
        if (!model.getFileName().toString().endsWith(".lmck")) {
            return Models.loadLangAe(model, TrainLangAeCommand.size(size), DefaultCodebook.load(), manager);
        }
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(model);
        LangAeConfig size = TrainLangAeCommand.size(this.size);
        LangAeConfig config = size.tokenVariants().stream()
                .filter(variant -> checkpoint.description().contains("langae " + variant + " "))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        model + " is a checkpoint of '" + checkpoint.description() + "', not of a LangAE " + size));
        LangAe langAe = Models.newLangAe(config, DefaultCodebook.load(), manager);
        checkpoint.loadWeights("weights", langAe, manager);
        System.out.printf("checkpoint at step %d of: %s%n", checkpoint.step(), checkpoint.description());
        return langAe;
    }

    @Option(
            names = "--without-words",
            description = "reconstruct without the quantizer, for a run trained with train-langae --without-words")
    boolean withoutWords;

    @Override
    public Integer call() throws Exception {
        ComputeEngine.Selection selection = ComputeEngine.start(device);
        PairedDataset dataset = PairedDataset.open(data);
        var heldOut = dataset.pairs(split);
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException(data + " has no " + split + " slices");
        }
        try (NDManager manager = NDManager.newBaseManager(selection.djl())) {
            LangAe langAe = load(manager);
            System.out.printf(
                    "LangAE %s on %d %s slices of %d patients (%s)%n%n",
                    model,
                    heldOut.size(),
                    split,
                    heldOut.stream().map(PairedSlice::patientId).distinct().count(),
                    selection.description());
            System.out.print(LangAeReport.of(langAe, manager, heldOut, CtLexicon.standard(), withoutWords)
                    .format());
        }
        return 0;
    }
}
