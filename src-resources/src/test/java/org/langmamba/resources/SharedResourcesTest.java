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
            // Ten single slices and small series, the 295-slice head and neck, the 28-slice GE head.
            assertThat(files.filter(Files::isRegularFile).toList())
                    .hasSize(10 + 295 + 28)
                    .allSatisfy(f -> {
                        byte[] head = Files.readAllBytes(f);
                        // DICOM Part 10: 128-byte preamble, then "DICM".
                        assertThat(new String(head, 128, 4, StandardCharsets.US_ASCII))
                                .isEqualTo("DICM");
                    });
        }
    }

    @Test
    void withoutItsVolumesTheSampleStudyIsItsTenSlicesInFourSeries() throws Exception {
        var folders = SharedResources.sampleStudyWithoutVolumes();
        assertThat(folders).hasSize(4);
        long files = 0;
        for (Path folder : folders) {
            try (Stream<Path> in = Files.list(folder)) {
                files += in.count();
            }
        }
        assertThat(files).isEqualTo(10);
    }

    @Test
    void theVolumesLicencesShipWithThem() {
        for (String volume : SharedResources.SAMPLE_VOLUMES) {
            assertThat(SharedResources.url("licences/" + volume + ".LICENSE")).isNotNull();
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
