package org.langmamba.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's python3-pydicom test corpus (real files from many vendors, good and broken) and
 * pydicom's own reading of it, produced by src/test/python/pydicom_reference.py.
 */
final class PydicomCorpus {
    static final Path DEFAULT_LOCATION = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final String PYTHON = "/usr/bin/python3";

    /** pydicom's verdict on one file. */
    record Reference(
            String status,
            String modality,
            int rows,
            int columns,
            int frames,
            Path data,
            String error,
            String transferSyntax,
            double rescaleSlope) {
        boolean ok() {
            return "ok".equals(status);
        }

        /**
         * Lossy JPEG and JPEG 2000 leave rounding to the decoder: two correct decoders may differ by
         * one stored unit. Lossless and uncompressed data must match exactly.
         */
        double tolerance() {
            boolean lossy = transferSyntax.equals("1.2.840.10008.1.2.4.50")
                    || transferSyntax.equals("1.2.840.10008.1.2.4.51")
                    || transferSyntax.equals("1.2.840.10008.1.2.4.91");
            return lossy ? Math.abs(rescaleSlope) : 0.0;
        }

        float[] values() throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(data)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(out);
            return out;
        }
    }

    static Path location() {
        Path corpus = Path.of(System.getProperty("pydicom.corpus", DEFAULT_LOCATION.toString()));
        assertTrue(
                Files.isDirectory(corpus),
                "pydicom's test corpus is missing at " + corpus
                        + ": install Debian's python3-pydicom python3-numpy (the build does it when run as root; see .ci/run)");
        return corpus;
    }

    static List<Path> files(Path corpus) throws IOException {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Runs pydicom over the corpus and returns its reading, keyed by path relative to the corpus. */
    static Map<String, Reference> pydicomReading(Path corpus, Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        PYTHON, "src/test/python/pydicom_reference.py", corpus.toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("pydicom.log").toFile())
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "pydicom reference reading timed out");
        String log = Files.readString(out.resolveSibling("pydicom.log"));
        assertTrue(
                process.exitValue() == 0,
                "pydicom reference reading failed (needs python3-pydicom and python3-numpy):\n" + log);
        Map<String, Reference> index = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("index.tsv"))) {
            String[] f = line.split("\t", -1);
            index.put(
                    f[0],
                    new Reference(
                            f[1],
                            f[2],
                            Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]),
                            Integer.parseInt(f[5]),
                            f[6].isEmpty() ? null : out.resolve(f[6]),
                            f[7],
                            f[8],
                            Double.parseDouble(f[9])));
        }
        return index;
    }

    private PydicomCorpus() {}
}
