package org.langmamba.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SharedResourcesTest {
    @Test
    void theSampleStudyIsOnTheClasspathAsAFolderOfDicomFiles() throws Exception {
        Path sample = SharedResources.sampleStudy();
        try (Stream<Path> files = Files.walk(sample)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(10).allSatisfy(f -> {
                byte[] head = Files.readAllBytes(f);
                // DICOM Part 10: 128-byte preamble, then "DICM".
                assertThat(new String(head, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
            });
        }
    }

    @Test
    void aMissingResourceIsNamedInTheError() {
        assertThatThrownBy(() -> SharedResources.url("nothing/here.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing/here.txt");
    }

    @Test
    void configurationAndStylesAreShared() {
        assertThat(SharedResources.url("config/window-presets.properties")).isNotNull();
        assertThat(SharedResources.url("css/workstation.css")).isNotNull();
        assertThat(SharedResources.url("DATA.md")).isNotNull();
    }
}
