package org.langmamba.viewer.processing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.langmamba.imaging.device.ComputeDevice;

/**
 * The networks of a workstation without a GPU, in plain Java, for view-model tests: one model on
 * the CPU whose network lowers every pixel by {@link #subtracted} HU (100 unless a test sets it),
 * and the token reader a test gives (none: opening it fails, as a missing LangAE would).
 */
public class FakeBackend implements ProcessingBackend {
    public static final ModelChoice MINUS_100 = new ModelChoice("minus-100", "Minus 100", "0000", "test network");

    public int denoisersOpened;
    public float subtracted = 100;
    private final SliceTokenReader tokens;

    public FakeBackend() {
        this(null);
    }

    public FakeBackend(SliceTokenReader tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<ModelChoice> models() {
        return List.of(MINUS_100);
    }

    @Override
    public List<ComputeDevice> devices() {
        return List.of(ComputeDevice.CPU);
    }

    @Override
    public SliceDenoiser openDenoiser(ModelChoice model, ComputeDevice device) {
        denoisersOpened++;
        return new SeriesDenoisingTest.MinusHundred(subtracted);
    }

    @Override
    public SliceTokenReader openTokenReader(ComputeDevice device) throws IOException {
        if (tokens == null) {
            throw new IOException("no LangAE in this test");
        }
        return tokens;
    }

    @Override
    public SliceScorer scorer() {
        return null;
    }

    @Override
    public ModelChoice addModelFile(Path file) throws IOException {
        throw new IOException(file + " is not a model");
    }
}
