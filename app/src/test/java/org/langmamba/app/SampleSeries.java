package org.langmamba.app;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample study's four series of a few slices (all but its two volumes), as folders on disk for
 * tests that run commands or prepare data on a handful of real slices: simulating the 323 volume
 * slices would take minutes and prove nothing more.
 */
final class SampleSeries {
    static final List<Path> WITHOUT_VOLUMES = Stream.of(
                    "chest-nema-ct1", "head-ge-hispeed-simulated-quarter-dose", "head-ge-routine-brain", "head-jxd")
            .map(name -> Path.of("../src-resources/sample-study", name))
            .toList();

    private SampleSeries() {}

    /** The folders as command-line arguments, after {@code before}. */
    static String[] arguments(String... before) {
        return Stream.concat(Stream.of(before), WITHOUT_VOLUMES.stream().map(Path::toString))
                .toArray(String[]::new);
    }
}
