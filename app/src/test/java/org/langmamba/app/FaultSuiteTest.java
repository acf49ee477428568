package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.dicom.LoadMonitor;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.inference.io.AtomicFiles;
import org.langmamba.training.data.PairedDatasetWriter;
import org.langmamba.training.data.PatientSplitter;
import org.langmamba.training.phantom.Phantoms;
import org.langmamba.training.train.DenoiserTraining;
import org.langmamba.training.train.TrainingCheckpoint;
import org.langmamba.viewer.settings.WorkstationHome;

/**
 * A generated corpus of damaged inputs (real DICOM truncated at several offsets, with flipped bits
 * in its header and lengths, random bytes, empty files; damaged and foreign model files; damaged
 * training checkpoints; folders given as links, link loops, an export's leftover staging folder; a
 * full and an unwritable output folder) through {@code load-report}, {@code denoise}, {@code tokens},
 * {@code train-denoiser --resume} and {@code score}, and through the viewer's loader. For each: the
 * exit code, one line that names the file and says why, no stack trace, inputs byte for byte as they
 * were, and no output that loads as a series unless it is complete.
 */
class FaultSuiteTest {
    private static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final Path MODELS = Path.of("..", "src-resources", "models");

    @TempDir
    static Path root;

    private static Path dicom;
    private static Path good;
    private static final List<Path> DAMAGED_DICOM = new ArrayList<>();
    private static final List<Path> DAMAGED_MODELS = new ArrayList<>();
    private static Map<Path, String> inputsBefore;

    @BeforeAll
    static void corpus() throws Exception {
        dicom = Files.createDirectories(root.resolve("inputs/dicom"));
        good = Files.copy(PYDICOM.resolve("CT_small.dcm"), dicom.resolve("good.dcm"));
        byte[] ct = Files.readAllBytes(good);
        Random random = new Random(19);
        for (int at : new int[] {0, 64, 132, 600, ct.length / 2, ct.length - 7}) {
            DAMAGED_DICOM.add(write(dicom.resolve("truncated-at-" + at + ".dcm"), Arrays.copyOf(ct, at)));
        }
        DAMAGED_DICOM.add(write(dicom.resolve("flipped-magic.dcm"), flip(ct, 129))); // "DICM" -> "DxCM"
        DAMAGED_DICOM.add(write(dicom.resolve("flipped-length.dcm"), flip(ct, lengthOfPixelData(ct) + 3)));
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        DAMAGED_DICOM.add(write(dicom.resolve("random-bytes.dcm"), noise));
        DAMAGED_DICOM.add(write(dicom.resolve("text.dcm"), "not DICOM at all\n".getBytes()));

        Path models = Files.createDirectories(root.resolve("inputs/models"));
        byte[] redCnn = Files.readAllBytes(MODELS.resolve("denoiser/redcnn.lmmd"));
        for (int at : new int[] {0, 6, 40, 5000, redCnn.length / 2, redCnn.length - 1}) {
            DAMAGED_MODELS.add(write(models.resolve("truncated-at-" + at + ".lmmd"), Arrays.copyOf(redCnn, at)));
        }
        DAMAGED_MODELS.add(write(models.resolve("flipped-header.lmmd"), flip(redCnn, 9)));
        DAMAGED_MODELS.add(write(models.resolve("flipped-weights.lmmd"), flip(redCnn, redCnn.length / 2)));
        DAMAGED_MODELS.add(write(models.resolve("random-bytes.lmmd"), noise));
        DAMAGED_MODELS.add(
                Files.copy(MODELS.resolve("codebook/glove-16k.lmcb"), models.resolve("codebook-as-model.lmmd")));
        inputsBefore = fingerprints(root.resolve("inputs"));
    }

    @AfterAll
    static void inputsAreUntouched() throws IOException {
        assertThat(fingerprints(root.resolve("inputs")))
                .as("every input, byte for byte")
                .isEqualTo(inputsBefore);
    }

    private static Path write(Path file, byte[] content) throws IOException {
        return Files.write(file, content);
    }

    private static byte[] flip(byte[] content, int at) {
        byte[] copy = content.clone();
        copy[at] ^= (byte) 0x80;
        return copy;
    }

    /** Offset of the 4-byte length of (7FE0,0010) Pixel Data, explicit VR little endian (OW: 2 reserved bytes first). */
    private static int lengthOfPixelData(byte[] ct) {
        for (int i = 132; i + 12 < ct.length; i++) {
            if (ct[i] == (byte) 0xE0 && ct[i + 1] == 0x7F && ct[i + 2] == 0x10 && ct[i + 3] == 0x00) {
                return i + 8;
            }
        }
        throw new IllegalStateException("no pixel data in the test slice");
    }

    private static Map<Path, String> fingerprints(Path folder) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f), AtomicFiles.sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    /** The failure is one line on stderr that names {@code file}, with no stack trace, and exit code {@code exit}. */
    private static void failsCleanly(CommandRun run, int exit, Path file, String why) {
        String context = String.join(" | ", run.err().lines().toList());
        assertThat(run.exitCode()).as("exit code: " + context).isEqualTo(exit);
        List<String> failureLines =
                run.err().lines().filter(l -> l.startsWith("langmamba ")).toList();
        assertThat(failureLines).as("one failure line: " + context).hasSize(1);
        assertThat(failureLines.get(0))
                .contains(file.getFileName().toString())
                .containsIgnoringCase(why)
                .doesNotEndWith("null");
        noStackTrace(run);
    }

    private static void noStackTrace(CommandRun run) {
        assertThat(run.err() + run.out())
                .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
                .doesNotContain("Exception")
                .doesNotContain("(an unexpected failure");
    }

    @Test
    void loadReportNamesEveryDamagedFileAndLoadsTheGoodOne() {
        CommandRun run = CommandRun.of("load-report", dicom.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 series, 1 slices from " + (DAMAGED_DICOM.size() + 1) + " files");
        for (Path damaged : DAMAGED_DICOM) {
            assertThat(run.out())
                    .as(damaged.toString())
                    .containsPattern("not loaded: .*" + damaged.getFileName() + " — \\S");
        }
        noStackTrace(run);
    }

    @Test
    void theViewersLoaderReportsEveryDamagedFileWithItsReason() {
        StudyLoad load = new PixelMedStudyStore().read(List.of(dicom), LoadMonitor.NONE);
        assertThat(load.allSeries()).hasSize(1);
        assertThat(load.problems()).hasSize(DAMAGED_DICOM.size());
        assertThat(load.problems())
                .allMatch(p -> !p.reason().isBlank() && !p.reason().contains("null"));
    }

    @Test
    void aFolderGivenAsALinkLoadsAndALinkLoopIsReported() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link-to-dicom"), dicom);
        CommandRun viaLink = CommandRun.of("load-report", link.toString());
        assertThat(viaLink.out()).contains("1 series, 1 slices");

        Path loop = Files.createDirectories(root.resolve("loop"));
        Files.copy(good, loop.resolve("good.dcm"));
        Files.createSymbolicLink(loop.resolve("again"), loop);
        CommandRun looped = CommandRun.of("load-report", loop.toString());
        assertThat(looped.out())
                .contains("1 series, 1 slices")
                .containsPattern("not loaded: .*again — symbolic link loop");
        assertThat(looped.exitCode()).isEqualTo(1);
    }

    @Test
    void aKilledExportsStagingFolderNeverLoadsAsASeries() throws IOException {
        // What a kill -9 during an export leaves: the target never appeared, its hidden staging folder holds part of
        // it.
        Path parent = Files.createDirectories(root.resolve("killed-export"));
        Path staging = Files.createDirectories(parent.resolve(".DENOISED-series.part-8731"));
        Files.copy(good, staging.resolve("IM00001.dcm"));
        for (StudyLoad load : List.of(
                new PixelMedStudyStore().read(List.of(parent), LoadMonitor.NONE),
                new PixelMedStudyStore().read(List.of(staging), LoadMonitor.NONE))) {
            assertThat(load.allSeries()).isEmpty();
            assertThat(load.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("unfinished export"));
        }
        CommandRun again = CommandRun.of(
                "denoise", good.toString(), "--model", "redcnn", "--device", "CPU", "--out", parent.toString());
        failsCleanly(again, 2, parent, "killed run");
        assertThat(again.err()).contains(staging.getFileName().toString());
    }

    @Test
    void denoiseWritesTheGoodSeriesAndNamesTheDamagedFiles() {
        Path out = root.resolve("denoised-mixed");
        CommandRun run = CommandRun.of(
                "denoise", dicom.toString(), "--model", "redcnn", "--device", "CPU", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        for (Path damaged : DAMAGED_DICOM) {
            assertThat(run.err()).contains(damaged.getFileName().toString());
        }
        StudyLoad written = new PixelMedStudyStore().read(List.of(out), LoadMonitor.NONE);
        assertThat(written.problems()).isEmpty();
        assertThat(written.allSeries())
                .singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(1));
        noStackTrace(run);
    }

    @Test
    void eachDamagedModelFileIsOneLineNamingItAndLeavesNoOutput() {
        for (Path model : DAMAGED_MODELS) {
            Path out = root.resolve("never-" + model.getFileName());
            CommandRun run = CommandRun.of(
                    "denoise",
                    good.toString(),
                    "--model",
                    model.toString(),
                    "--device",
                    "CPU",
                    "--out",
                    out.toString());
            failsCleanly(run, 1, model, "");
            assertThat(run.err())
                    .containsAnyOf(
                            model.getFileName() + " is damaged: ",
                            model.getFileName() + " is not a LangMamba model file");
            assertThat(run.err()).doesNotContain("null");
            assertThat(out).as("no output folder after a failure").doesNotExist();
        }
    }

    @Test
    void anOutputFolderThatCannotBeWrittenFailsBeforeAnySliceIsDenoised() {
        Path proc = Path.of("/proc/langmamba-fault-suite");
        failsCleanly(
                CommandRun.of(
                        "denoise", good.toString(), "--model", "redcnn", "--device", "CPU", "--out", proc.toString()),
                1,
                proc,
                "cannot write");
    }

    @Test
    void aFullDiskFailsBeforeAnySliceIsDenoisedAndLeavesNoFolder() throws Exception {
        Path full = Files.createDirectories(root.resolve("full-disk"));
        if (!mountTinyFileSystem(full)) {
            // Where the machine allows no mount: the same check against a write that cannot succeed.
            anOutputFolderThatCannotBeWrittenFailsBeforeAnySliceIsDenoised();
            return;
        }
        try {
            Files.write(full.resolve("filler"), new byte[200 * 1024 - 4096]);
            Path out = full.resolve("denoised");
            CommandRun run = CommandRun.of(
                    "denoise", good.toString(), "--model", "redcnn", "--device", "CPU", "--out", out.toString());
            failsCleanly(run, 1, out, "free there");
            assertThat(run.out()).doesNotContain("wrote");
            assertThat(out).doesNotExist();
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }

    private static boolean mountTinyFileSystem(Path at) {
        try {
            return new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", at.toString())
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void tokensAndScoreNameTheDamagedInput() {
        Path damaged = dicom.resolve("flipped-magic.dcm");
        CommandRun tokens = CommandRun.of("tokens", damaged.toString(), "--device", "CPU");
        assertThat(tokens.exitCode()).isEqualTo(1);
        assertThat(tokens.err()).contains(damaged.getFileName().toString());
        assertThat(tokens.out()).isEmpty();
        noStackTrace(tokens);

        CommandRun score = CommandRun.of("score", "--reference", good.toString(), "--test", damaged.toString());
        assertThat(score.exitCode()).isEqualTo(1);
        assertThat(score.err()).contains(damaged.getFileName().toString());
        noStackTrace(score);
    }

    @Test
    void aDamagedCheckpointOrLangAeIsOneLineNamingItAndStaysAsItWas() throws Exception {
        Path data = root.resolve("pairs");
        PairedDatasetWriter writer = new PairedDatasetWriter(data);
        for (int p = 0; p < 3; p++) {
            HuImage ndct = Phantoms.abdomen().rasterise(64);
            writer.add("PHANTOM^" + p, "s0", ndct, ndct, 6.0, 0.25, "phantom");
        }
        writer.finish(new PatientSplitter(0.34, 0.0, 1));
        byte[] sections = new byte[40_000];
        new Random(3).nextBytes(sections);
        byte[] checkpoint = checkpointBytes(sections);
        int sectionLength = indexOf(checkpoint, "weights".getBytes()) + "weights".length();
        Map<String, byte[]> damaged = Map.of(
                "flipped-section-length", flip(checkpoint, sectionLength),
                "flipped-weights", flip(checkpoint, checkpoint.length / 2),
                "truncated", Arrays.copyOf(checkpoint, checkpoint.length / 3));
        for (var e : damaged.entrySet()) {
            Path run = Files.createDirectories(root.resolve("runs/" + e.getKey()));
            Path file = write(run.resolve(DenoiserTraining.CHECKPOINT), e.getValue());
            byte[] before = Files.readAllBytes(file);
            CommandRun resume = CommandRun.of(
                    "train-denoiser",
                    "--data",
                    data.toString(),
                    "--out",
                    run.toString(),
                    "--model",
                    "redcnn",
                    "--lambda",
                    "0",
                    "--steps",
                    "3",
                    "--patch",
                    "32",
                    "--device",
                    "CPU",
                    "--resume");
            failsCleanly(resume, 1, file, "is damaged");
            assertThat(resume.err()).contains(run.toString());
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
        Path langAe = DAMAGED_MODELS.get(4); // truncated half-way
        CommandRun withLangAe = CommandRun.of(
                "train-denoiser",
                "--data",
                data.toString(),
                "--out",
                root.resolve("new-run").toString(),
                "--model",
                "seed-compact",
                "--langae",
                langAe.toString(),
                "--steps",
                "3",
                "--patch",
                "32",
                "--device",
                "CPU");
        failsCleanly(withLangAe, 1, langAe, "");
    }

    @Test
    void aMissingInputAndABadLearningRateAreNamedWithTheirRule() throws Exception {
        Path missing = root.resolve("no-such-study");
        Path out = root.resolve("denoised-with-missing");
        CommandRun run = CommandRun.of(
                "denoise",
                missing.toString(),
                good.toString(),
                "--model",
                "redcnn",
                "--device",
                "CPU",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as("an input did not load").isEqualTo(1);
        assertThat(run.err()).contains(missing + " — does not exist");
        assertThat(run.out()).contains("wrote");
        noStackTrace(run);

        Path runFolder = root.resolve("lr-zero");
        CommandRun lr = CommandRun.of(
                "train-denoiser",
                "--data",
                root.resolve("pairs").toString(),
                "--out",
                runFolder.toString(),
                "--model",
                "redcnn",
                "--lambda",
                "0",
                "--lr",
                "0");
        assertThat(lr.exitCode()).as("a usage error").isEqualTo(2);
        assertThat(lr.err()).contains("the learning rate must start above 0 (--lr, got 0.0)");
        assertThat(runFolder).as("no run folder for a run that never started").doesNotExist();
    }

    @Test
    void logsThatCannotBeWrittenGoToTheConsoleWithOneLineOnStderrAndNothingOnStdout() {
        String before = System.getProperty(WorkstationHome.PROPERTY);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setProperty(WorkstationHome.PROPERTY, "/proc/langmamba-fault-suite");
            System.setOut(new PrintStream(stdout, true));
            System.setErr(new PrintStream(stderr, true));
            LogFiles.start();
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (before == null) {
                System.clearProperty(WorkstationHome.PROPERTY);
            } else {
                System.setProperty(WorkstationHome.PROPERTY, before);
            }
        }
        assertThat(stdout.toString()).isEmpty();
        assertThat(stderr.toString().lines().toList())
                .singleElement()
                .asString()
                .contains("/proc/langmamba-fault-suite/logs")
                .contains("console only");
    }

    private static byte[] checkpointBytes(byte[] weights) throws IOException {
        Path file = root.resolve("template.lmck");
        new TrainingCheckpoint(
                        "redcnn lambda 0.0 terms BOTH patch 32 batch 2 steps 3",
                        2,
                        Map.of("weights", weights, "optimizer", new byte[16]))
                .write(file);
        return Files.readAllBytes(file);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
