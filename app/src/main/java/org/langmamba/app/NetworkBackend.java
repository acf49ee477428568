package org.langmamba.app;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.RegionFinder;
import org.langmamba.inference.api.HuDenoiser;
import org.langmamba.inference.api.Normalization;
import org.langmamba.inference.api.TokenPyramidReader;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.codebook.RegionVocabularies;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.inference.model.ModelFile;
import org.langmamba.inference.model.Models;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.metrics.SliceScores;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.processing.SliceDenoiser;
import org.langmamba.viewer.processing.SliceScorer;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.WordReading;

/**
 * The networks behind the viewer, on DJL: the shipped models (LangMamba first, then SEED without
 * LangDA and RED-CNN), fine-tuned files found in the user's model folder or added by hand, and the
 * shipped LangAE for the token overlay. Each opened denoiser or token reader owns a native memory
 * manager of its own, closed with it.
 */
public final class NetworkBackend implements ProcessingBackend {
    /** Words shown per cell on hover: the chosen one and the next ones. */
    static final int CANDIDATES = 4;

    private record Entry(ModelChoice choice, Path file, Models.Denoiser kind) {}

    private final Map<String, Entry> models = new LinkedHashMap<>();
    private final List<ComputeDevice> devices;
    private final String engineDescription;
    private final CtLexicon lexicon = CtLexicon.standard();
    private LanguageCodebook codebook; // read once, on first use (6 MB)

    public NetworkBackend(Path userModels) {
        ComputeEngine.Selection auto = ComputeEngine.start(DevicePreference.AUTO);
        devices = auto.device() == ComputeDevice.GPU
                ? List.of(ComputeDevice.GPU, ComputeDevice.CPU)
                : List.of(ComputeDevice.CPU);
        engineDescription = auto.description();
        add(
                DefaultModels.LANGMAMBA,
                "LangMamba",
                Models.Denoiser.SEED_COMPACT,
                "SEED compact + LangDA (lambda 0.03), shipped; see its model card");
        add(
                DefaultModels.SEED_MSE,
                "SEED (MSE, no LangDA)",
                Models.Denoiser.SEED_COMPACT,
                "SEED compact trained with MSE only: the ablation without LangDA, shipped");
        add(DefaultModels.REDCNN, "RED-CNN", Models.Denoiser.REDCNN, "RED-CNN baseline (MSE), shipped");
        add(
                DefaultModels.REDCNN_LANGDA,
                "RED-CNN + LangDA",
                Models.Denoiser.REDCNN,
                "RED-CNN trained with MSE + LangDA (lambda 1), shipped for the comparison; see its model card");
        if (userModels != null && Files.isDirectory(userModels)) {
            try (Stream<Path> files = Files.list(userModels)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".lmmd"))
                        .sorted()
                        .toList()) {
                    try {
                        addModelFile(f);
                    } catch (IOException | RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(NetworkBackend.class)
                                .warn("skipping model {}: {}", f, e.getMessage());
                    }
                }
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(NetworkBackend.class)
                        .warn("cannot list {}: {}", userModels, e.getMessage());
            }
        }
    }

    private void add(String resource, String name, Models.Denoiser kind, String description) {
        Path file = SharedResources.path(resource);
        ModelChoice choice = new ModelChoice(resource, name, version(file), description);
        models.put(choice.id(), new Entry(choice, file, kind));
    }

    private static String version(Path file) {
        try {
            return ModelFile.sha256(Files.readAllBytes(file)).substring(0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
    }

    /** The shipped LangAE's version (first characters of its SHA-256), as the token overlay reports it. */
    public String langAeVersion() {
        return version(SharedResources.path(DefaultModels.LANGAE));
    }

    private synchronized LanguageCodebook codebook() {
        if (codebook == null) {
            codebook = DefaultCodebook.load();
        }
        return codebook;
    }

    /** The weights file behind a model the toolbar lists (the wizard starts fine-tuning from it). */
    public Path modelFile(ModelChoice model) {
        Entry entry = models.get(model.id());
        if (entry == null) {
            throw new IllegalArgumentException("unknown model " + model.name());
        }
        return entry.file();
    }

    /** Whether a listed model is a compact SEED, the kind fine-tuning starts from (known since it was listed). */
    public boolean isCompactSeed(ModelChoice model) {
        Entry entry = models.get(model.id());
        return entry != null && entry.kind() == Models.Denoiser.SEED_COMPACT;
    }

    @Override
    public List<ModelChoice> models() {
        return models.values().stream().map(Entry::choice).toList();
    }

    @Override
    public List<ComputeDevice> devices() {
        return devices;
    }

    @Override
    public synchronized ModelChoice addModelFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Models.Denoiser kind = Models.denoiserIn(absolute, LangAeConfig.compact(), codebook());
        String name = absolute.getFileName().toString().replaceFirst("\\.lmmd$", "");
        ModelChoice choice = new ModelChoice(
                absolute.toString(), name, version(absolute), kind.id() + " fine-tuned model " + absolute);
        models.put(choice.id(), new Entry(choice, absolute, kind));
        return choice;
    }

    @Override
    public SliceDenoiser openDenoiser(ModelChoice model, ComputeDevice device) throws IOException {
        Entry entry = models.get(model.id());
        if (entry == null) {
            throw new IOException("unknown model " + model.name());
        }
        NDManager manager = NDManager.newBaseManager(ComputeEngine.djl(device));
        try {
            LangAe langAe = entry.kind().usesLangAe() ? DefaultModels.langAe(codebook(), manager) : null;
            Block block = Models.loadDenoiser(entry.file(), entry.kind(), langAe, manager);
            HuDenoiser denoiser = new HuDenoiser(block, manager, Normalization.DEFAULT);
            return new SliceDenoiser() {
                @Override
                public HuImage denoise(HuImage slice) {
                    return new HuImage(
                            slice.width(),
                            slice.height(),
                            denoiser.denoise(slice.toArray(), slice.width(), slice.height()));
                }

                @Override
                public String deviceName() {
                    return device.name();
                }

                @Override
                public void close() {
                    manager.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public SliceTokenReader openTokenReader(ComputeDevice device) throws IOException {
        NDManager manager = NDManager.newBaseManager(ComputeEngine.djl(device));
        try {
            LangAe langAe = DefaultModels.langAe(codebook(), manager);
            int levels = langAe.config().strides().length;
            TokenPyramidReader reader = new TokenPyramidReader(langAe, manager, Normalization.DEFAULT);
            RegionVocabularies vocabularies = new RegionVocabularies(lexicon, codebook());
            return new SliceTokenReader() {
                @Override
                public SliceTokens read(HuImage slice, WordReading reading) {
                    float[] hu = slice.toArray();
                    if (!reading.bodyRegionWords()) {
                        return view(
                                reader.readWithCandidates(hu, slice.width(), slice.height(), CANDIDATES),
                                slice,
                                "all " + grouped(vocabularies.codebookSize()) + " words of the codebook");
                    }
                    RegionFinder.Reading region = RegionFinder.read(
                            hu, slice.width(), slice.height(), reading.pixelSizeMm(), reading.namedInHeader());
                    List<int[]> words = vocabularies.perLevel(region.region(), levels);
                    return view(
                            reader.readWithCandidates(hu, slice.width(), slice.height(), CANDIDATES, words),
                            slice,
                            region.region().key() + " words (" + words.get(0).length + " of "
                                    + grouped(vocabularies.codebookSize()) + "): " + region.reason());
                }

                @Override
                public void close() {
                    manager.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** 16384 as "16 384": the overlay's caption, as the README writes numbers. */
    private static String grouped(int n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    /** Reader levels with the tissue class of each cell's mean HU (padding beyond the slice counts as air). */
    SliceTokens view(List<TokenPyramidReader.CandidateLevel> levels, HuImage slice, String vocabulary) {
        List<SliceTokens.Level> out = new ArrayList<>();
        for (TokenPyramidReader.CandidateLevel l : levels) {
            int rows = l.level().rows();
            int columns = l.level().columns();
            List<List<SliceTokens.Candidate>> candidates = new ArrayList<>();
            List<String> tissue = new ArrayList<>();
            for (int cell = 0; cell < rows * columns; cell++) {
                List<SliceTokens.Candidate> cellCandidates = new ArrayList<>();
                for (int j = 0; j < l.candidates().get(cell).size(); j++) {
                    cellCandidates.add(new SliceTokens.Candidate(
                            l.candidates().get(cell).get(j),
                            l.candidateDistances().get(cell)[j]));
                }
                candidates.add(cellCandidates);
                double mean = meanHu(slice, cell / columns, cell % columns, l.cellSize());
                tissue.add(
                        lexicon.classOf(mean).map(CtLexicon.TissueClass::name).orElse("other"));
            }
            out.add(new SliceTokens.Level(
                    rows, columns, l.cellSize(), l.level().words(), l.level().distances(), candidates, tissue));
        }
        return new SliceTokens(out, vocabulary);
    }

    private static double meanHu(HuImage slice, int row, int column, double cellSize) {
        int x0 = (int) Math.round(column * cellSize);
        int y0 = (int) Math.round(row * cellSize);
        int x1 = (int) Math.round((column + 1) * cellSize);
        int y1 = (int) Math.round((row + 1) * cellSize);
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += slice.contains(x, y) ? slice.hu(x, y) : -1024;
            }
        }
        return sum / Math.max(1, (x1 - x0) * (y1 - y0));
    }

    @Override
    public SliceScorer scorer() {
        return (image, reference, window) -> {
            SliceScores s = SliceScores.of(reference.toArray(), image.toArray(), image.width(), image.height(), window);
            return new SliceScorer.Scores(s.psnr(), s.ssim(), s.fsim());
        };
    }

    @Override
    public Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("DJL", Engine.getDjlVersion());
        v.put("Engine", engineDescription);
        v.put("Devices", devices.stream().map(ComputeDevice::name).collect(Collectors.joining(", ")));
        v.put(
                "LangAE (token overlay, LangDA)",
                DefaultModels.LANGAE + " sha256 " + sha256(SharedResources.path(DefaultModels.LANGAE)));
        for (Entry e : models.values()) {
            v.put("Model " + e.choice().name(), e.file().getFileName() + " sha256 " + sha256(e.file()));
        }
        return v;
    }

    private static String sha256(Path file) {
        try {
            return ModelFile.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
