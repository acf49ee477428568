package org.langmamba.viewer.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.imaging.image.WindowPresets;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.FakeBackend;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.WordReading;
import org.langmamba.viewer.processing.Workers;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;
import org.langmamba.viewer.slice.SliceViewModelTest;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The token overlay's view-model alone, with a fake LangAE: no window, no network, the pyramids read
 * on the calling thread. The fake names a cell of the left half of a 16x8 slice "tissue" when its
 * mean HU reaches the level's threshold (level 3: 0 HU, level 2: -150 HU) and "air" below, and every
 * cell of the right half "edge", so that a network subtracting 100 HU changes the left half's words
 * at level 3 only, and one subtracting 200 HU at level 2 as well. A cell's next candidate lies 0.1
 * farther per column.
 */
class TokenOverlayViewModelTest {
    /** Level 1: one 16-pixel cell; level 2: two 8-pixel cells; level 3: 2x4 cells of 4 pixels. */
    static final class FakeLangAe implements SliceTokenReader {
        int reads;

        WordReading lastReading;

        @Override
        public SliceTokens read(HuImage slice, WordReading reading) {
            reads++;
            lastReading = reading;
            return new SliceTokens(
                    List.of(level(slice, 16), level(slice, 8), level(slice, 4)),
                    reading.bodyRegionWords() ? "region words" : "all words");
        }

        private static SliceTokens.Level level(HuImage slice, int cell) {
            int rows = (slice.height() + cell - 1) / cell;
            int columns = slice.width() / cell;
            List<String> words = new ArrayList<>();
            List<List<SliceTokens.Candidate>> candidates = new ArrayList<>();
            List<String> tissue = new ArrayList<>();
            float[] distances = new float[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double sum = 0;
                    int n = 0;
                    for (int y = r * cell; y < Math.min(slice.height(), (r + 1) * cell); y++) {
                        for (int x = c * cell; x < (c + 1) * cell; x++) {
                            sum += slice.hu(x, y);
                            n++;
                        }
                    }
                    boolean leftHalf = (c + 0.5) * cell < slice.width() / 2.0;
                    double threshold = cell == 4 ? 0 : -150;
                    String word = !leftHalf ? "edge" : sum / n >= threshold ? "tissue" : "air";
                    words.add(word);
                    distances[r * columns + c] = 1 + r * columns + c;
                    candidates.add(List.of(
                            new SliceTokens.Candidate(word, distances[r * columns + c]),
                            new SliceTokens.Candidate("next-" + word, distances[r * columns + c] + 0.1f * (c + 1))));
                    tissue.add("soft-tissue");
                }
            }
            return new SliceTokens.Level(rows, columns, cell, words, distances, candidates, tissue);
        }

        @Override
        public void close() {}
    }

    /** The test's backend: the minus-N network and the fake LangAE. */
    private static FakeBackend backend() {
        return new FakeBackend(new FakeLangAe());
    }

    private final PaneSet panes = new PaneSet(WindowPresets.standard());

    @BeforeAll
    static void startJavaFx() throws Exception {
        // Pyramids arrive through the FX thread: the toolkit must run (headless Monocle), no window needed.
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFxThread(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** Pane A on slice {@code index} of a series whose slice k holds k HU everywhere, the overlay on. */
    private SliceViewModel showSlice(TokenOverlayViewModel tokens, int index) throws Exception {
        CtSeries series = SliceViewModelTest.series(6, Optional.empty());
        SliceViewModel a = panes.panes().get(0);
        onFxThread(() -> {
            a.showSeries(series);
            a.showSlice(index);
            tokens.enabledProperty().set(true);
            return tokens.pyramidFor(a); // queues the pyramid; the same-thread worker reads it at once
        });
        return a;
    }

    @Test
    void wordsAreReadInTheBodyRegionsVocabularyUntilTheUserAsksForTheWholeCodebook() throws Exception {
        FakeLangAe langAe = new FakeLangAe();
        TokenOverlayViewModel tokens =
                new TokenOverlayViewModel(panes, new FakeBackend(langAe), null, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 3);

        assertThat(langAe.lastReading.bodyRegionWords()).as("the default").isTrue();
        assertThat(langAe.lastReading.pixelSizeMm())
                .isEqualTo(a.currentSlice().geometry().spacing().columnMm());
        assertThat(tokens.vocabularyProperty().get()).isEqualTo("region words");

        onFxThread(() -> {
            tokens.regionWordsProperty().set(false);
            return tokens.pyramidFor(a); // the cached reading is dropped: read again
        });
        assertThat(langAe.reads).isEqualTo(2);
        assertThat(langAe.lastReading.bodyRegionWords()).isFalse();
        assertThat(tokens.vocabularyProperty().get()).isEqualTo("all words");
    }

    @Test
    void theActivePanesWordsAreCountedAtTheChosenLevelOnceItsPyramidArrives() throws Exception {
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, backend(), null, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 3);

        assertThat(tokens.levelFor(a)).isPresent();
        assertThat(tokens.levelProperty().get()).as("the default level").isEqualTo(2);
        assertThat(tokens.words())
                .containsExactly(
                        new TokenOverlayViewModel.WordCount("edge", 1),
                        new TokenOverlayViewModel.WordCount("tissue", 1));

        onFxThread(() -> {
            tokens.levelProperty().set(3);
            return null;
        });
        assertThat(tokens.words())
                .containsExactly(
                        new TokenOverlayViewModel.WordCount("edge", 4),
                        new TokenOverlayViewModel.WordCount("tissue", 4));
    }

    @Test
    void aPyramidIsReadOncePerImageAndNotAtAllWhileTheOverlayIsOff() throws Exception {
        FakeLangAe langAe = new FakeLangAe();
        TokenOverlayViewModel tokens =
                new TokenOverlayViewModel(panes, new FakeBackend(langAe), null, Workers.SAME_THREAD);
        SliceViewModel a = panes.panes().get(0);
        onFxThread(() -> {
            a.showSeries(SliceViewModelTest.series(6, Optional.empty()));
            return tokens.pyramidFor(a);
        });
        assertThat(langAe.reads).as("overlay off").isZero();

        showSlice(tokens, 2);
        onFxThread(() -> tokens.pyramidFor(a));
        assertThat(langAe.reads).isEqualTo(1);
    }

    /** Pane A on slice 3 (3 HU), denoised by {@code backend}, the change map at {@code shownLevel}. */
    private TokenOverlayViewModel.CellChange[] changeMap(FakeBackend backend, int shownLevel) throws Exception {
        DenoiseViewModel denoising =
                new DenoiseViewModel(panes, backend, null, series -> Optional.empty(), Workers.SAME_THREAD);
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, backend, denoising, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 3);
        onFxThread(() -> {
            tokens.levelProperty().set(shownLevel);
            return denoising.denoise();
        });
        onFxThread(() -> tokens.changedCells(a)); // queues the denoised slice's pyramid
        return onFxThread(() -> tokens.changedCells(a)).orElseThrow();
    }

    @Test
    void theChangeMapMarksTheCellsWhoseWordDenoisingChangedAtTheChosenLevel() throws Exception {
        TokenOverlayViewModel.CellChange[] changes = changeMap(backend(), 3);

        // 3 HU "tissue" became -97 HU "air" at level 3 in the left half; level 2's word there stayed.
        TokenOverlayViewModel.CellChange changed = TokenOverlayViewModel.CellChange.CHANGED;
        TokenOverlayViewModel.CellChange same = TokenOverlayViewModel.CellChange.SAME;
        assertThat(changes).containsExactly(changed, changed, same, same, changed, changed, same, same);
    }

    @Test
    void cellsBeneathAChangedCoarserWordAreToldApartFromCellsThatChangedOnTheirOwn() throws Exception {
        FakeBackend minus200 = backend();
        minus200.subtracted = 200;

        TokenOverlayViewModel.CellChange[] level3 = changeMap(minus200, 3);
        TokenOverlayViewModel.CellChange[] level2 = changeMap(minus200, 2);

        // -197 HU: level 2's left word flipped too; its four level-3 cells followed it.
        TokenOverlayViewModel.CellChange under = TokenOverlayViewModel.CellChange.UNDER_CHANGED_COARSER_WORD;
        TokenOverlayViewModel.CellChange same = TokenOverlayViewModel.CellChange.SAME;
        assertThat(level3).containsExactly(under, under, same, same, under, under, same, same);
        assertThat(level2).containsExactly(TokenOverlayViewModel.CellChange.CHANGED, same);
    }

    @Test
    void wordsLessSureThanTheThresholdAreHiddenAndLeaveTheWordList() throws Exception {
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, backend(), null, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 3);
        onFxThread(() -> {
            tokens.levelProperty().set(3);
            tokens.minMarginProperty().set(0.25); // margins are 0.1, 0.2, 0.3, 0.4 by column
            return null;
        });
        SliceTokens.Level level = tokens.levelFor(a).orElseThrow();

        assertThat(level.margin(0)).isCloseTo(0.1, within(1e-6));
        assertThat(tokens.sureEnough(level, 0)).isFalse();
        assertThat(tokens.sureEnough(level, 1)).isFalse();
        assertThat(tokens.sureEnough(level, 2)).isTrue();
        assertThat(tokens.words()).containsExactly(new TokenOverlayViewModel.WordCount("edge", 4));

        onFxThread(() -> {
            tokens.minMarginProperty().set(0);
            return null;
        });
        assertThat(tokens.words()).hasSize(2);
    }

    @Test
    void hoveringACellNamesItsWordDistanceTissueAndNextCandidates() throws Exception {
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, backend(), null, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 1);
        onFxThread(() -> {
            tokens.levelProperty().set(3);
            tokens.hoverAt(a, 13.5, 5); // column 4, row 2 of the 2x4 grid
            return null;
        });

        assertThat(tokens.hoverProperty().get())
                .contains("level 3 cell (2, 4)")
                .contains("\"edge\"")
                .contains("distance 8.00")
                .contains("margin 0.40")
                .contains("tissue soft-tissue")
                .contains("next: next-edge (8.40)");

        onFxThread(() -> {
            tokens.hoverAt(a, 40, 5); // outside the slice
            return null;
        });
        assertThat(tokens.hoverProperty().get()).isEmpty();
    }

    @Test
    void aLangAeThatCannotLoadSaysWhyAndTheOverlayStaysEmpty() throws Exception {
        FakeBackend broken = new FakeBackend() {
            @Override
            public SliceTokenReader openTokenReader(ComputeDevice device) throws IOException {
                throw new IOException("langae-compact.lmmd: checksum does not match its header");
            }
        };
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, broken, null, Workers.SAME_THREAD);
        SliceViewModel a = showSlice(tokens, 1);

        assertThat(tokens.problemProperty().get())
                .startsWith("Token pyramid failed")
                .contains("langae-compact.lmmd")
                .contains("checksum");
        assertThat(tokens.levelFor(a)).isEmpty();
        assertThat(tokens.words()).isEmpty();
    }

    @Test
    void onlyTheListedWordsAreDrawnAndTheSearchedWordIsFoundWhateverItsCase() {
        TokenOverlayViewModel tokens = new TokenOverlayViewModel(panes, backend(), null, Workers.SAME_THREAD);
        assertThat(tokens.shows("tissue")).as("no list: every word").isTrue();

        tokens.onlyWordsProperty().set(" Edge, air;bone ");
        tokens.searchProperty().set("TISSUE");

        assertThat(tokens.onlyWordSet()).containsExactlyInAnyOrder("edge", "air", "bone");
        assertThat(tokens.shows("edge")).isTrue();
        assertThat(tokens.shows("tissue")).isFalse();
        assertThat(tokens.matchesSearch("tissue")).isTrue();
        assertThat(tokens.matchesSearch("tissues")).isFalse();
    }
}
