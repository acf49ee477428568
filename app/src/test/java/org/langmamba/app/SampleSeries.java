package org.langmamba.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.langmamba.resources.SharedResources;

/**
 * The sample study's series of a few slices (all but its two volumes, {@link SharedResources#SAMPLE_VOLUMES}),
 * as folders on disk for tests that run commands or prepare data on a handful of real slices: simulating
 * the 323 volume slices would take minutes and prove nothing more. (In app tests the resources come from
 * a jar; a command line needs file names.)
 */
final class SampleSeries {
    static final List<Path> WITHOUT_VOLUMES = withoutVolumes(Path.of("../src-resources/sample-study"));

    private SampleSeries() {}

    /** The folders as command-line arguments, after {@code before}. */
    static String[] arguments(String... before) {
        return Stream.concat(Stream.of(before), WITHOUT_VOLUMES.stream().map(Path::toString))
                .toArray(String[]::new);
    }

    private static List<Path> withoutVolumes(Path sampleStudy) {
        try (Stream<Path> folders = Files.list(sampleStudy)) {
            return folders.filter(f -> !SharedResources.SAMPLE_VOLUMES.contains(
                            f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
