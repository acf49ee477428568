package org.langmamba.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.viewer.processing.ModelChoice;
import org.langmamba.viewer.processing.Workers;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's steps through its view-model alone: a fake host (its models, devices and folders),
 * work on the calling thread, no window and no network.
 */
class FineTuneViewModelTest {
    private static final ModelChoice LANGMAMBA = new ModelChoice("langmamba", "LangMamba", "3f3b2665", "SEED");
    private static final ModelChoice REDCNN = new ModelChoice("redcnn", "RED-CNN", "1a2b3c4d", "RED-CNN");
    private static final ModelChoice SITE = new ModelChoice("site", "site-seed-2026-12-01", "99aa88bb", "SEED");
    private static final Path ONE_PATIENT = Path.of("../src-resources/sample-study/head-ge-hispeed-tilted");

    @TempDir
    Path home;

    /** The application as the wizard sees it; {@code models} decide what step 2 offers. */
    private final class FakeHost implements FineTuneViewModel.Host {
        private final List<ModelChoice> models;
        Path used;

        FakeHost(List<ModelChoice> models) {
            this.models = models;
        }

        @Override
        public List<ModelChoice> models() {
            return models;
        }

        @Override
        public Path modelFile(ModelChoice model) {
            return home.resolve(model.id() + ".lmmd");
        }

        @Override
        public boolean isCompactSeed(ModelChoice model) {
            return model.description().equals("SEED");
        }

        @Override
        public List<ComputeDevice> devices() {
            return List.of(ComputeDevice.CPU);
        }

        @Override
        public Path dataFolder() {
            return home.resolve("data");
        }

        @Override
        public Path modelsFolder() {
            return home.resolve("models");
        }

        @Override
        public void useModel(Path file) throws IOException {
            if (!file.toString().endsWith(".lmmd")) {
                throw new IOException(file + " is not a LangMamba model");
            }
            used = file;
        }
    }

    @BeforeAll
    static void startJavaFx() throws Exception {
        // A Task reports its end through the FX thread: the toolkit must run (headless Monocle), no window needed.
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFxThread(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    @Test
    void theModelStepOffersOnlyCompactSeedsAndItsSettingsCarryWhatWasChosen() {
        FineTuneViewModel model =
                new FineTuneViewModel(new FakeHost(List.of(REDCNN, LANGMAMBA, SITE)), Workers.SAME_THREAD);

        assertThat(model.baseModels()).containsExactly(LANGMAMBA, SITE);
        assertThat(model.baseProperty().get()).isEqualTo(LANGMAMBA);

        model.baseProperty().set(SITE);
        model.lambdaProperty().set(0.03);
        model.patchProperty().set(128);
        FineTuneSettings settings = model.settings();

        assertThat(settings.baseModel()).isEqualTo(home.resolve("site.lmmd"));
        assertThat(settings.lambda()).isEqualTo(0.03f);
        assertThat(settings.patchSize()).isEqualTo(128);
        assertThat(settings.device()).isEqualTo(ComputeDevice.CPU);
    }

    @Test
    void withoutASeedModelTheSettingsSayWhyAndNoEstimateRuns() {
        FineTuneViewModel model = new FineTuneViewModel(new FakeHost(List.of(REDCNN)), Workers.SAME_THREAD);

        assertThat(model.baseProperty().get()).isNull();
        assertThatThrownBy(model::settings).hasMessageContaining("no SEED model");
        assertThat(model.estimate()).isNull();
        assertThat(model.errorProperty().get()).contains("no SEED model");
    }

    @Test
    void preparingDataWithoutAnyStudySaysWhatToAddAndMakesNoRun() throws Exception {
        FineTuneViewModel model = new FineTuneViewModel(new FakeHost(List.of(LANGMAMBA)), Workers.SAME_THREAD);

        assertThat(onFxThread(model::prepareData)).isNull();
        assertThat(model.errorProperty().get()).contains("add at least one study");
        assertThat(model.runProperty().get()).isNull();
        assertThat(home.resolve("data")).doesNotExist();
    }

    @Test
    void aSinglePatientIsRefusedFromItsHeadersAndItsEmptyRunFolderIsRemoved() throws Exception {
        FineTuneViewModel model = new FineTuneViewModel(new FakeHost(List.of(LANGMAMBA)), Workers.SAME_THREAD);
        model.inputs().add(ONE_PATIENT);

        onFxThread(model::prepareData);

        assertThat(model.errorProperty().get())
                .startsWith("Data: ")
                .contains("at least two patients")
                .contains("nothing was simulated");
        assertThat(model.runProperty().get()).isNull();
        try (Stream<Path> left = Files.walk(home.resolve("data"))) {
            assertThat(left.filter(Files::isRegularFile))
                    .as("files left in the data folder")
                    .isEmpty();
        }
    }

    @Test
    void aModelTheViewerRefusesIsSaidAndAnAcceptedOneIsNamedInTheStatus() {
        FakeHost host = new FakeHost(List.of(LANGMAMBA));
        FineTuneViewModel model = new FineTuneViewModel(host, Workers.SAME_THREAD);

        model.savedModelProperty().set(home.resolve("site.txt"));
        model.useInViewer();
        assertThat(model.errorProperty().get()).contains("cannot use the model").contains("site.txt");

        model.savedModelProperty().set(home.resolve("site.lmmd"));
        model.useInViewer();
        assertThat(host.used).isEqualTo(home.resolve("site.lmmd"));
        assertThat(model.statusProperty().get()).contains("site.lmmd");
    }

    @Test
    void failuresAreSaidInWordsNotAsStackTraces() {
        assertThat(FineTuneViewModel.message(new OutOfMemoryError("Java heap space")))
                .contains("out of memory")
                .contains("smaller patch");
        assertThat(FineTuneViewModel.message(new IOException("/data/run-3/checkpoint.tmp: No space left on device")))
                .startsWith("the disk is full")
                .contains("/data/run-3");
        assertThat(FineTuneViewModel.message(new NoSuchFileException("/data/run-3/manifest.tsv")))
                .isEqualTo("file not found: /data/run-3/manifest.tsv");
        assertThat(FineTuneViewModel.duration(75)).isEqualTo("75 s");
        assertThat(FineTuneViewModel.duration(1800)).isEqualTo("30 min");
        assertThat(FineTuneViewModel.duration(7200)).isEqualTo("2.0 h");
    }
}
