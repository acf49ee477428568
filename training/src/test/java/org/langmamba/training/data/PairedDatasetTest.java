package org.langmamba.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.training.phantom.Phantoms;
import org.langmamba.training.physics.DoseSettings;
import org.langmamba.training.physics.DoseSimulator;

class PairedDatasetTest {
    @TempDir
    Path folder;

    /** Six patients of three slices each: phantom NDCT, simulated quarter-dose LDCT. */
    private PairedDataset sixPatients() throws Exception {
        HuImage ndct = Phantoms.abdomen().rasterise(64);
        HuImage ldct = DoseSimulator.forSlice(64, 5.0).simulate(ndct, 5.0, DoseSettings.quarterDose(9));
        PairedDatasetWriter writer = new PairedDatasetWriter(folder.resolve("set"));
        for (int p = 0; p < 6; p++) {
            for (int s = 0; s < 3; s++) {
                writer.add("PAT^" + p, "slice " + s, ndct, ldct, 5.0, 0.25, "phantom");
            }
        }
        return writer.finish(new PatientSplitter(0.2, 0.2, 5));
    }

    @Test
    void pairsReadBackAsWrittenAndEveryPatientSitsInOneSplit() throws Exception {
        PairedDataset set = sixPatients();
        PairedDataset reopened = PairedDataset.open(folder.resolve("set"));

        assertThat(reopened.pairs()).hasSize(18);
        PairedSlice first = reopened.pairs().get(0);
        assertThat(first.loadNormalDose().toArray())
                .containsExactly(Phantoms.abdomen().rasterise(64).toArray());
        assertThat(first.loadLowDose().toArray())
                .isNotEqualTo(first.loadNormalDose().toArray());
        assertThat(first.pixelSizeMm()).isEqualTo(5.0);
        for (String patient : Set.of("PAT^0", "PAT^1", "PAT^2", "PAT^3", "PAT^4", "PAT^5")) {
            assertThat(reopened.pairs().stream()
                            .filter(p -> p.patientId().equals(patient))
                            .map(PairedSlice::split)
                            .distinct())
                    .as(patient)
                    .hasSize(1);
        }
        Map<Split, Long> counts = set.patientCounts();
        assertThat(counts.get(Split.VALIDATION)).isEqualTo(1);
        assertThat(counts.get(Split.TEST)).isEqualTo(1);
        assertThat(counts.get(Split.TRAIN)).isEqualTo(4);
        assertThat(set.summary()).contains("18 pairs").contains("train 12 slices / 4 patients");
    }

    @Test
    void anExistingDataSetIsNeverOverwritten() throws Exception {
        sixPatients();
        assertThatThrownBy(() -> new PairedDatasetWriter(folder.resolve("set")))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aBrokenManifestLineIsNamed() throws Exception {
        sixPatients();
        Path manifest = folder.resolve("set").resolve(PairedDataset.MANIFEST);
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
        lines.set(
                3,
                lines.get(3)
                        .replace("\tTRAIN\t", "\tSOMEWHERE\t")
                        .replace("\tVALIDATION\t", "\tSOMEWHERE\t")
                        .replace("\tTEST\t", "\tSOMEWHERE\t"));
        Files.write(manifest, lines);
        assertThatThrownBy(() -> PairedDataset.open(folder.resolve("set")))
                .hasMessageContaining("line 4")
                .hasMessageContaining("SOMEWHERE");
    }

    @Test
    void theSplitDependsOnTheSeedNotOnTheOrderPatientsCameIn() {
        PatientSplitter splitter = new PatientSplitter(0.25, 0.25, 3);
        List<String> patients = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        Map<String, Split> one = splitter.split(patients);
        Map<String, Split> other = splitter.split(List.of("h", "g", "f", "e", "d", "c", "b", "a"));
        for (String p : patients) {
            assertThat(other.get(p)).isEqualTo(one.get(p));
        }
        assertThat(new HashSet<>(one.values())).containsExactlyInAnyOrder(Split.TRAIN, Split.VALIDATION, Split.TEST);
        assertThat(new PatientSplitter(0.2, 0.2, 1).split(List.of("x", "y")))
                .as("two patients: one trains, one validates")
                .containsValues(Split.TRAIN, Split.VALIDATION);
        assertThat(new PatientSplitter(0.2, 0.2, 1).split(List.of("x"))).containsEntry("x", Split.TRAIN);
    }

    @Test
    void namedValidationAndTestPatientsGoWhereTheyAreToldAndCountTowardsTheirShare() {
        List<String> patients = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Map<String, Split> split = new PatientSplitter(0.2, 0.1, 7, Set.of("j"), Set.of("a", "b")).split(patients);
        assertThat(split)
                .containsEntry("j", Split.TEST)
                .containsEntry("a", Split.VALIDATION)
                .containsEntry("b", Split.VALIDATION);
        assertThat(split.values().stream().filter(s -> s == Split.VALIDATION))
                .as("2 of 10 already named")
                .hasSize(2);
        assertThat(split.values().stream().filter(s -> s == Split.TEST)).hasSize(1);
        assertThat(new PatientSplitter(0, 0, 7, Set.of("j"), Set.of("a")).split(patients))
                .as("fractions 0: only the named patients leave training")
                .containsEntry("j", Split.TEST)
                .containsEntry("a", Split.VALIDATION)
                .containsEntry("c", Split.TRAIN);
        assertThatThrownBy(() -> new PatientSplitter(0.2, 0.2, 1, Set.of("a"), Set.of("a")))
                .hasMessageContaining("both test and validation");
        assertThatThrownBy(() -> new PatientSplitter(0.2, 0.2, 1, Set.of(), Set.of("zz")).split(patients))
                .hasMessageContaining("validation patient 'zz' is not in the data");
    }
}
