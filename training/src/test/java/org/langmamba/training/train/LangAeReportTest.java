package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langmamba.imaging.device.DevicePreference;
import org.langmamba.inference.codebook.CtLexicon;
import org.langmamba.inference.codebook.DefaultCodebook;
import org.langmamba.inference.codebook.LanguageCodebook;
import org.langmamba.inference.engine.ComputeEngine;
import org.langmamba.inference.model.DefaultModels;
import org.langmamba.training.data.PairedDataset;
import org.langmamba.training.data.Split;

/** The LangAE report a physicist reads: reconstruction scores and which words each tissue is called by. */
class LangAeReportTest {
    private static LanguageCodebook codebook;

    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        ComputeEngine.start(DevicePreference.CPU);
        codebook = DefaultCodebook.load();
    }

    private static int id(String word) {
        return codebook.id(word).orElseThrow();
    }

    @Test
    void aTissueIsNamedByItsOwnWordsWhenTheLexiconSaysThemOfItInAnyRegion() {
        CtLexicon lexicon = CtLexicon.standard();
        // "lungs" is the lung's word in a chest, "mouth" in a head; "tissue" is soft tissue's, not the lung's.
        Map<Integer, Long> lung = Map.of(id("lungs"), 5L, id("mouth"), 1L, id("tissue"), 2L);
        assertThat(LangAeReport.ownWordShare(lexicon, "lung", lung, codebook)).isCloseTo(6 / 8.0, within(1e-12));
        assertThat(LangAeReport.ownWordShare(lexicon, "soft-tissue", lung, codebook))
                .isCloseTo(2 / 8.0, within(1e-12));
        assertThat(LangAeReport.ownWordShare(lexicon, "unclassified", lung, codebook))
                .as("no lexicon words, no share")
                .isNaN();
    }

    @Test
    void theShippedLangAesReportScoresItsReconstructionAndCountsEveryFinestTokenOnce() throws Exception {
        PairedDataset data = PhantomPairs.write(folder.resolve("pairs"), false);
        try (NDManager m = NDManager.newBaseManager()) {
            var held = data.pairs(Split.TRAIN).subList(0, 2);
            LangAeReport.Report report =
                    LangAeReport.of(DefaultModels.langAe(codebook, m), m, held, CtLexicon.standard());
            assertThat(report.reconstruction().psnrMean())
                    .as("a trained LangAE draws a phantom better than a blank image would")
                    .isGreaterThan(12);
            LangAeReport.Level finest = report.levels().get(2);
            assertThat(report.finestByTissue().stream()
                            .mapToLong(LangAeReport.TissueWords::cells)
                            .sum())
                    .as("every finest-level token belongs to one tissue class")
                    .isEqualTo(finest.tokens());
            assertThat(report.finestByTissue())
                    .allSatisfy(t -> assertThat(t.distinctWords()).isBetween(1, finest.distinctWords()));
            assertThat(report.byPatient())
                    .as("the two slices' patients, each with its slices")
                    .extracting(LangAeReport.PatientPsnr::slices)
                    .containsAnyOf(1, 2);
            assertThat(report.byPatient().stream()
                            .mapToInt(LangAeReport.PatientPsnr::slices)
                            .sum())
                    .isEqualTo(2);
            assertThat(report.format())
                    .contains("By patient: " + held.get(0).patientId())
                    .contains("| named by its own words |")
                    .contains("| air |");
        }
    }
}
