package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line twin, run on the sample study and on Debian's broken and foreign files. */
class CommandLineTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void loadReportListsTheSampleStudysSeriesWithItsTwoRealVolumes() {
        CommandRun run = run("load-report", "--sample");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("6 series, 333 slices from 333 files")
                .containsPattern("Neck .* 295 slices +512x512")
                .contains("gantry tilt")
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

    private static final Path PHANTOM = Path.of("../src-resources/real-ct/philips-phantom-two-doses");

    @Test
    void npsGivesTheRealPhantomsNoiseAndItsSimulatedLowerDoseIsNoisier(@TempDir Path out) throws Exception {
        Path csv = out.resolve("nps.csv");
        CommandRun stored = run(
                "nps",
                PHANTOM.resolve("high-45mGy-2.5mm").toString(),
                "--average",
                "2",
                "--roi",
                "215,200,279,232",
                "--csv",
                csv.toString());
        CommandRun simulated = run(
                "nps",
                PHANTOM.resolve("high-45mGy-2.5mm").toString(),
                "--average",
                "2",
                "--roi",
                "215,200,279,232",
                "--simulate-dose",
                "0.25");

        assertThat(stored.exitCode()).isZero();
        double storedSd = sd(stored.out(), "as stored");
        double simulatedSd = sd(simulated.out(), "simulated 25% dose");
        // A uniform insert of a 300 mAs scan, two 2.5 mm slices averaged: about 10 HU of noise.
        assertThat(storedSd).isBetween(6.0, 14.0);
        // A quarter of the dose: the noise SD grows by 1/sqrt(0.25) = 2x if all of it is noise; a region holds
        // a little structure too, so ask for 1.3x.
        assertThat(simulatedSd).isGreaterThan(1.3 * storedSd);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("frequency_per_mm,");
        assertThat(lines).hasSize(1 + 17); // rings 0 .. 16 of a 32-pixel sub-region
    }

    @Test
    void npsRefusesARegionSmallerThanOneSubRegionAndSaysHowBigItIs() {
        CommandRun run = run("nps", PHANTOM.resolve("low-9mGy-5mm").toString(), "--roi", "190,250,210,300");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("20 x 50 pixels").contains("32 x 32");
    }

    /** The SD column of the row named {@code row} in the nps table. */
    private static double sd(String table, String row) {
        return table.lines()
                .filter(l -> l.startsWith(row))
                .map(l -> Double.parseDouble(l.substring(row.length()).trim().split("\\s+")[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + row + "' in:\n" + table));
    }
}
