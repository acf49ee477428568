package org.langmamba.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.resources.SharedResources;
import org.langmamba.training.data.SliceFiles;

/**
 * Real CT slices from the bundled sample study, decoded by pydicom (this module reads no DICOM
 * itself); the float32 files the Python references exchange are {@link SliceFiles}'.
 */
final class RealSlices {
    static final String CHEST = "sample-study/chest-nema-ct1/CT1_RLE.dcm";
    static final String HEAD = "sample-study/head-jxd/JXD_J2K.dcm";

    private RealSlices() {}

    /** A real slice and the width of its pixels (PixelSpacing). */
    record RealSlice(HuImage image, double pixelSizeMm) {
        float[] hu() {
            return image.toArray();
        }

        int width() {
            return image.width();
        }

        int height() {
            return image.height();
        }
    }

    static RealSlice load(String resource, Path work) throws Exception {
        Path dicom = work.resolve(Path.of(resource).getFileName() + ".dcm");
        Files.copy(SharedResources.path(resource), dicom, StandardCopyOption.REPLACE_EXISTING);
        Path out = work.resolve(Path.of(resource).getFileName() + ".f32");
        String[] f = python("src/test/python/dump_hu.py", dicom.toString(), out.toString())
                .split("\\s+");
        int width = Integer.parseInt(f[0]);
        int height = Integer.parseInt(f[1]);
        return new RealSlice(
                new HuImage(width, height, SliceFiles.read(out, width * height)), Double.parseDouble(f[2]));
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
}
