package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.data.HuSlice;

/**
 * Real CT slices from the bundled sample study, decoded by pydicom (this module reads no DICOM
 * itself), and the float32 files the Python references exchange with the tests.
 */
final class RealSlices {
    static final String CHEST = "sample-study/chest-nema-ct1/CT1_RLE.dcm";
    static final String HEAD = "sample-study/head-jxd/JXD_J2K.dcm";

    private RealSlices() {
    }

    static HuSlice load(String resource, Path work) throws Exception {
        Path dicom = work.resolve(Path.of(resource).getFileName() + ".dcm");
        Files.copy(SharedResources.path(resource), dicom, StandardCopyOption.REPLACE_EXISTING);
        Path out = work.resolve(Path.of(resource).getFileName() + ".f32");
        String[] f = python("src/test/python/dump_hu.py", dicom.toString(), out.toString()).split("\\s+");
        return new HuSlice(Integer.parseInt(f[0]), Integer.parseInt(f[1]), read(out), Double.parseDouble(f[2]));
    }

    static String python(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/python3";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as(String.join(" ", args) + ":\n" + out).isZero();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    static float[] read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    static void write(float[] values, Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Files.write(file, bytes.array());
    }
}
