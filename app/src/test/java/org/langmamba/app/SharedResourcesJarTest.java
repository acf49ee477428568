package org.langmamba.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.langmamba.resources.SharedResources;

/**
 * The bundled resources as the application reads them, from the resources jar: a thread interrupted
 * while it reads (a load or a denoising the user cancels) closes the jar's shared channel, and every
 * later read of the sample study failed with ClosedChannelException until a restart (seen as three
 * tests failing after the TestFX suite cancelled a denoising).
 */
class SharedResourcesJarTest {
    private static final String SERIES = "sample-study/head-ge-hispeed-tilted";

    @Test
    void aReadInterruptedByCancellingDoesNotLeaveTheSampleStudyUnreadable() throws Exception {
        Path first;
        try (Stream<Path> files = Files.list(SharedResources.path(SERIES))) {
            first = files.findFirst().orElseThrow();
        }
        assertThat(first.getFileSystem()).as("read from the jar").isNotEqualTo(FileSystems.getDefault());

        Thread cancelled = new Thread(() -> {
            Thread.currentThread().interrupt(); // as Task.cancel() does to a worker mid-read
            try {
                Files.readAllBytes(first);
            } catch (IOException expected) {
                // ClosedByInterruptException: and the jar's channel is closed with it
            }
        });
        cancelled.start();
        cancelled.join();
        assertThatThrownBy(() -> Files.readAllBytes(first))
                .as("the path handed out before the interrupt")
                .isInstanceOf(ClosedChannelException.class);

        Path again = SharedResources.path(SERIES).resolve(first.getFileName().toString());
        assertThat(Files.readAllBytes(again)).as("a path asked for afterwards").isNotEmpty();
    }
}
