package org.langmamba.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.WordReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The token pyramid of one slice as JSON: what the physicist's overlay shows, for scripts. Every
 * cell of every level with its word, its distance to the quantized vector, the tissue class of its
 * pixels and the next candidate words.
 */
@Command(
        name = "tokens",
        mixinStandardHelpOptions = true,
        description = "Print (or write) the LangAE token pyramid of one CT slice as JSON.")
final class TokensCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Option(
            names = "--series",
            description = "which series when the inputs hold several: 1-based, in load-report order (default 1)")
    int series = 1;

    @Option(names = "--slice", description = "1-based slice of the series (default: the middle one)")
    Integer slice;

    @Option(names = "--out", description = "new JSON file (default: standard output)")
    Path out;

    @Option(
            names = "--all-words",
            description = "read the words in the whole codebook, as the LangAE chooses them (default: among"
                    + " the words of the slice's body region, read from the image with the header as a hint)")
    boolean allWords;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
    DevicePreference device;

    @Override
    public Integer call() throws IOException {
        if (out != null && Files.exists(out)) {
            System.err.println("tokens: " + out + " exists; results always go to a new file");
            return 2;
        }
        ComputeDevice deviceName = DenoiserOptions.device(device);
        List<SeriesInputs.StudySeries> found = SeriesInputs.read(study.paths(), "Reading");
        if (series < 1 || series > found.size()) {
            throw new IllegalArgumentException(
                    "--series " + series + ": the inputs hold " + found.size() + " CT series");
        }
        SeriesInputs.StudySeries chosen = found.get(series - 1);
        int index = slice == null ? chosen.series().size() / 2 : slice - 1;
        if (index < 0 || index >= chosen.series().size()) {
            throw new IllegalArgumentException("--slice " + slice + ": series "
                    + chosen.series().title() + " has " + chosen.series().size() + " slices");
        }
        CtSlice ct = chosen.series().slice(index);
        NetworkBackend backend = new NetworkBackend(null);
        SliceTokens pyramid;
        try (SliceTokenReader reader = backend.openTokenReader(deviceName)) {
            pyramid = reader.read(ct.image(), WordReading.of(chosen.series(), ct, !allWords));
        }
        String json = TokenPyramidJson.of(
                pyramid,
                new TokenPyramidJson.Source(
                        ct.source().file().toString(),
                        chosen.series().seriesInstanceUid(),
                        index + 1,
                        ct.image().width(),
                        ct.image().height(),
                        "langae-compact " + backend.langAeVersion()));
        if (out == null) {
            System.out.println(json);
        } else {
            AtomicFiles.write(json.getBytes(StandardCharsets.UTF_8), out);
            System.err.printf(
                    Locale.ROOT,
                    "wrote the token pyramid of slice %d of %s to %s%n",
                    index + 1,
                    chosen.series().title(),
                    out);
        }
        return 0;
    }
}
