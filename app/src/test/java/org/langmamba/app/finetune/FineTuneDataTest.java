package org.langmamba.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.dicom.LoadMonitor;

/** The wizard's data step on real DICOM: what it refuses from the headers, before any simulation. */
class FineTuneDataTest {
    /** A real 28-slice head CT of one patient (src-resources/DATA.md, "real-ct"). */
    private static final Path ONE_PATIENT = Path.of("../src-resources/sample-study/head-ge-hispeed-tilted");

    private static final class Recording implements LoadMonitor {
        final List<String> messages = new ArrayList<>();

        @Override
        public void progress(long done, long total, String message) {
            messages.add(message);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    @Test
    void aSinglePatientIsRefusedFromItsHeadersBeforeAnySliceIsSimulated(@TempDir Path out) throws IOException {
        Recording monitor = new Recording();
        FineTuneData.Request request =
                new FineTuneData.Request(List.of(ONE_PATIENT), FineTuneData.Mode.SIMULATED, 0.25, 0.2, 1);

        assertThatThrownBy(() -> FineTuneData.prepare(request, out.resolve("data"), monitor))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("at least two patients")
                .hasMessageContaining("name 1 patient(s)")
                .hasMessageContaining("nothing was simulated");
        assertThat(monitor.messages).as("progress messages").noneMatch(m -> m.startsWith("simulating"));
        try (Stream<Path> written = Files.walk(out)) {
            assertThat(written.filter(Files::isRegularFile)).as("files written").isEmpty();
        }
    }

    @Test
    void realPairsNeedTwoPatientsEachWithALowAndANormalDoseSeries(@TempDir Path out) {
        FineTuneData.Request request =
                new FineTuneData.Request(List.of(ONE_PATIENT), FineTuneData.Mode.PAIRED, 0.25, 0.2, 1);

        assertThatThrownBy(() -> FineTuneData.prepare(request, out.resolve("data"), LoadMonitor.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("name 0 patient(s) with a low- and a normal-dose series");
    }
}
