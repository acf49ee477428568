package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.PairedSlice;
import org.langmamba.training.data.Split;
import org.langmamba.training.phantom.PhantomPatients;

/** simulate-ldct, score and make-dataset on the real slices of the sample study. */
class DatasetCommandsTest {
    @TempDir
    static Path work;

    static Path simulated;

    /** Runs a command as from a shell, capturing what it prints. */
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @BeforeAll
    static void simulateTheSampleStudy() {
        simulated = work.resolve("ldct");
        CommandRun run = run(SampleSeries.arguments("simulate-ldct", "--out", simulated.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .containsPattern(
                        "skipped series #\\d+ Simulated 25% dose of .*: derived \\(\"LangMamba dose simulator.*not a scan");
    }

    private static Path simulatedFolder(String prefix) throws Exception {
        try (Stream<Path> folders = Files.list(simulated)) {
            return folders.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Path sampleCopy(String folder) throws Exception {
        Path target = work.resolve("sample-" + folder);
        if (!Files.exists(target)) {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(SharedResources.path("sample-study/" + folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName().toString()));
                }
            }
        }
        return target;
    }

    @Test
    void simulatedSeriesAreNewDerivedSeriesBesideTheOriginals() throws Exception {
        StudyLoad load = new PixelMedStudyStore().read(List.of(simulated), LoadMonitor.NONE);
        assertThat(load.problems()).isEmpty();
        assertThat(load.allSeries())
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.description()).startsWith("Simulated 25% dose of"));
        StudyLoad original = new PixelMedStudyStore().read(SampleSeries.WITHOUT_VOLUMES, LoadMonitor.NONE);
        assertThat(load.studies())
                .extracting(s -> s.studyInstanceUid())
                .containsExactlyInAnyOrderElementsOf(
                        original.studies().stream() // all but the sample's own simulated low dose
                                .filter(s -> s.series().stream().anyMatch(x -> !x.noiseAltered()))
                                .map(s -> s.studyInstanceUid())
                                .toList());
    }

    @Test
    void scoringTheSimulatedChestAgainstItsOriginalGivesAPerSliceTableAndCsv() throws Exception {
        Path csv = work.resolve("scores.csv");
        CommandRun run = run(
                "score",
                "--reference",
                sampleCopy("chest-nema-ct1").toString(),
                "--test",
                simulatedFolder("01-").toString(),
                "--csv",
                csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Scores in [-160, 240] HU").contains("mean ± SD over 1 slices");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("slice,test_file,reference_file,psnr_db,ssim,fsim");
        String[] row = lines.get(1).split(",");
        double psnr = Double.parseDouble(row[3]);
        double ssim = Double.parseDouble(row[4]);
        double fsim = Double.parseDouble(row[5]);
        // Quarter dose is noisy but the same anatomy: scores well below identity, well above noise.
        assertThat(psnr).isBetween(15.0, 35.0);
        assertThat(ssim).isBetween(0.4, 0.99);
        assertThat(fsim).isBetween(0.7, 0.999);

        CommandRun again = run(
                "score",
                "--reference",
                sampleCopy("chest-nema-ct1").toString(),
                "--test",
                simulatedFolder("01-").toString(),
                "--csv",
                csv.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists");
    }

    @Test
    void scoringSeriesOfDifferentGeometryStopsWithTheReason() throws Exception {
        // pydicom's CT_small.dcm is NEMA's CT1 again, downsized to 128x128: same patient, other matrix.
        Path small = Files.createDirectories(work.resolve("ct-small"));
        Files.copy(
                Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm"),
                small.resolve("CT_small.dcm"),
                StandardCopyOption.REPLACE_EXISTING);
        CommandRun run = run(
                "score",
                "--reference",
                small.toString(),
                "--test",
                simulatedFolder("01-").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is 512x512 but").contains("128x128").doesNotContain("\tat ");
    }

    @Test
    void scoringAgainstAnotherPatientStopsWithTheReason() throws Exception {
        CommandRun run = run(
                "score",
                "--reference",
                sampleCopy("head-jxd").toString(),
                "--test",
                simulatedFolder("01-").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is of patient 1CT1 but reference").contains("JXD191021006");
    }

    @Test
    void aRealSeriesPairsSliceBySliceWithItsSimulatedCopy() throws Exception {
        SeriesInputs.StudySeries low = SeriesInputs.single(List.of(simulatedFolder("02-")), "LDCT");
        SeriesInputs.StudySeries normal = SeriesInputs.single(List.of(sampleCopy("head-ge-routine-brain")), "NDCT");
        SeriesPairing.Result result = SeriesPairing.pair(low.series(), normal.series());
        assertThat(result.pairs()).hasSize(4);
        assertThat(result.unmatched()).isEmpty();
        for (SeriesPairing.Pair p : result.pairs()) {
            assertThat(p.first().geometry().position())
                    .isEqualTo(p.second().geometry().position());
        }
    }

    @Test
    void makeDatasetFromTheSampleStudySplitsByPatientAndSaysWhatItLeftOut() throws Exception {
        Path out = work.resolve("pairs");
        CommandRun run = run(SampleSeries.arguments("make-dataset", "--out", out.toString(), "--ndct"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("16x16 is below --min-size 64");
        assertThat(run.err())
                .as("the sample's simulated quarter dose is no scan to simulate from")
                .containsPattern(
                        "left out #\\d+ Simulated 25% dose of .*derived \\(\"LangMamba dose simulator.*not a scan");
        PairedDataset set = PairedDataset.open(out);
        assertThat(set.pairs()).hasSize(2).allSatisfy(p -> assertThat(p.width()).isEqualTo(512));
        assertThat(set.pairs()).extracting(PairedSlice::patientId).containsExactlyInAnyOrder("1CT1", "JXD191021006");
        assertThat(set.pairs()).extracting(PairedSlice::split).doesNotHaveDuplicates();
        PairedSlice chest = set.pairs().stream()
                .filter(p -> p.patientId().equals("1CT1"))
                .findFirst()
                .orElseThrow();
        float[] nd = chest.loadNormalDose().toArray();
        float[] ld = chest.loadLowDose().toArray();
        assertThat(ld).isNotEqualTo(nd);
        assertThat(run.out()).contains("2 pairs");
    }

    @Test
    void phantomPatientsJoinTheRealOnesAndAPinnedPatientIsAlwaysInTest() throws Exception {
        Path out = work.resolve("pairs-with-phantoms");
        CommandRun run = run(SampleSeries.arguments(
                "make-dataset",
                "--phantoms",
                "4",
                "--phantom-slices",
                "1",
                "--phantom-size",
                "96",
                "--test-patient",
                "JXD191021006",
                "--out",
                out.toString(),
                "--ndct"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        PairedDataset set = PairedDataset.open(out);
        assertThat(set.pairs())
                .extracting(PairedSlice::patientId)
                .contains("PHANTOM-000", "PHANTOM-001", "PHANTOM-002", "PHANTOM-003", "1CT1", "JXD191021006");
        assertThat(set.pairs(Split.TEST)).extracting(PairedSlice::patientId).contains("JXD191021006");
        PairedSlice phantom = set.pairs().stream()
                .filter(p -> p.patientId().equals("PHANTOM-000"))
                .findFirst()
                .orElseThrow();
        assertThat(phantom.width()).isEqualTo(96);
        float[] nd = phantom.loadNormalDose().toArray();
        float[] ld = phantom.loadLowDose().toArray();
        // The NDCT is a scan of the phantom (not the phantom itself), and the LDCT adds noise to that scan.
        double ndNoise = 0;
        double ldDifference = 0;
        for (int i = 0; i < nd.length; i++) {
            ldDifference += Math.abs(ld[i] - nd[i]);
        }
        float[] clean = PhantomPatients.slice(0, 0, 96).toArray();
        for (int i = 0; i < nd.length; i++) {
            ndNoise += Math.abs(nd[i] - clean[i]);
        }
        assertThat(ndNoise / nd.length).isGreaterThan(1.0);
        assertThat(ldDifference / nd.length).isGreaterThan(1.0);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aTestPatientThatIsNotInTheDataIsNamedInTheError() {
        CommandRun run = run(
                "make-dataset",
                "--phantoms",
                "2",
                "--phantom-slices",
                "1",
                "--phantom-size",
                "64",
                "--test-patient",
                "NOBODY",
                "--out",
                work.resolve("pairs-bad-pin").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("NOBODY").contains("PHANTOM-000");
    }
}
