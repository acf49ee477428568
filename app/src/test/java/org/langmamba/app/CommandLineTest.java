package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command-line twin, run on the sample study and on Debian's broken and foreign files. */
class CommandLineTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void loadReportListsTheSampleStudysSeries() {
        CommandRun run = run("load-report", "--sample");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("4 series, 10 slices from 10 files")
                .contains("512x512")
                .contains("Routine Brain")
                .contains("by position along the slice normal");
    }

    /**
     * Issue 20: `view --sample` was refused though every other command takes --sample. The panes check
     * answers before any window opens, so this needs no display: the option itself is accepted.
     */
    @Test
    void viewTakesSampleAsEveryOtherCommandDoes() {
        CommandRun run = run("view", "--sample", "--panes", "4");
        assertThat(run.err()).doesNotContain("Unknown option").contains("--panes must be 1, 2 or 3, got 4");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void loadReportNamesEachFileThatDidNotLoadAndWhy() {
        Path corpus = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
        CommandRun run = run(
                "load-report",
                corpus.resolve("CT_small.dcm").toString(),
                corpus.resolve("rtplan.dcm").toString(),
                corpus.resolve("MR_truncated.dcm").toString());
        assertThat(run.exitCode()).as("some files not loaded").isEqualTo(1);
        assertThat(run.out())
                .contains("1 series, 1 slices from 3 files; 2 not loaded")
                .containsPattern("not loaded: .*rtplan.dcm — not an image: RT Plan Storage")
                .containsPattern("not loaded: .*MR_truncated.dcm — .*truncated");
    }

    @Test
    void loadReportFailsWhenNothingLoads() {
        CommandRun run = run("load-report", "/no/such/folder");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("/no/such/folder — does not exist");
    }

    @Test
    void renderBenchmarkPrintsAFigure() {
        CommandRun run = run("render-benchmark", "--iterations", "20");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("window/level 512x512: \\d+\\.\\d+ ms per slice");
    }
}
