package org.langmamba.viewer.tokens;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.langmamba.imaging.device.ComputeDevice;
import org.langmamba.imaging.dicom.CtSlice;
import org.langmamba.imaging.image.HuImage;
import org.langmamba.viewer.denoise.DenoiseViewModel;
import org.langmamba.viewer.processing.DenoisedSeries;
import org.langmamba.viewer.processing.ProcessingBackend;
import org.langmamba.viewer.processing.SliceTokenReader;
import org.langmamba.viewer.processing.SliceTokens;
import org.langmamba.viewer.processing.WordReading;
import org.langmamba.viewer.slice.PaneSet;
import org.langmamba.viewer.slice.SliceViewModel;

/**
 * The physicist's panel: LangAE's words for each region of the slice on screen, in every pane that
 * shows CT (original and denoised; not a difference image). Pyramids are computed on a worker
 * thread of their own and cached per image, so scrolling never waits for them: a pane draws its
 * overlay when its pyramid arrives ({@link #revisionProperty()}).
 */
public final class TokenOverlayViewModel {
    /** What a cell's colour says. */
    public enum Colouring {
        WORD,
        TISSUE
    }

    /**
     * What denoising did to a cell's word. A finer level quantizes what the coarser words left over,
     * so one coarse word that flips changes the words of every finer cell beneath it (issue 20: one
     * level-1 flip outlined ~150 level-3 cells); those are told apart from cells whose word changed
     * while every coarser word above them stayed.
     */
    public enum CellChange {
        SAME,
        CHANGED,
        UNDER_CHANGED_COARSER_WORD
    }

    /** A word of the slice and how many cells of the level carry it. */
    public record WordCount(String word, int cells) {
        @Override
        public String toString() {
            return word + "  ×" + cells;
        }
    }

    /** Enough for a long scroll back and forth through original and denoised slices. */
    private static final int CACHE_SIZE = 400;

    private final PaneSet paneSet;
    private final Optional<DenoiseViewModel> denoising;
    private final ProcessingBackend backend;
    private final Executor worker;
    private final Map<HuImage, SliceTokens> pyramids = new IdentityHashMap<>();
    private final Set<HuImage> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final IntegerProperty level = new SimpleIntegerProperty(this, "level", 2);
    private final ObjectProperty<Colouring> colouring = new SimpleObjectProperty<>(this, "colouring", Colouring.WORD);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.35);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final StringProperty onlyWords = new SimpleStringProperty(this, "onlyWords", "");
    private final BooleanProperty changesOnly = new SimpleBooleanProperty(this, "changesOnly", false);
    private final DoubleProperty minMargin = new SimpleDoubleProperty(this, "minMargin", 0);
    private final BooleanProperty regionWords = new SimpleBooleanProperty(this, "regionWords", true);
    private final StringProperty vocabulary = new SimpleStringProperty(this, "vocabulary", "");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final StringProperty hover = new SimpleStringProperty(this, "hover", "");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final ObservableList<WordCount> words = FXCollections.observableArrayList();
    private SliceTokenReader reader; // worker thread only

    /** {@code denoising}: the viewer's denoising (its device, its denoised series), or null when there is none. */
    public TokenOverlayViewModel(
            PaneSet paneSet, ProcessingBackend backend, DenoiseViewModel denoising, Executor worker) {
        this.worker = worker;
        this.denoising = Optional.ofNullable(denoising);
        this.paneSet = paneSet;
        this.backend = backend;
        for (Observable o : new Observable[] {enabled, level, revision, minMargin, paneSet.activePaneProperty()}) {
            o.addListener(x -> refreshWords());
        }
        for (SliceViewModel pane : paneSet.panes()) {
            pane.currentSliceProperty().addListener(x -> refreshWords());
        }
        // Another vocabulary is another reading of every slice: read them again.
        regionWords.addListener(x -> {
            pyramids.clear();
            revision.set(revision.get() + 1);
        });
    }

    /**
     * The pyramid of {@code pane}'s slice on screen, or empty while it is computed (then it is
     * queued) or when the pane shows no CT (nothing, or a difference image).
     */
    public Optional<SliceTokens> pyramidFor(SliceViewModel pane) {
        if (!enabled.get() || !pane.followsLinkedWindow()) {
            return Optional.empty();
        }
        CtSlice slice = pane.currentSlice();
        return slice == null ? Optional.empty() : pyramidOf(slice.image(), readingFor(pane, slice));
    }

    private WordReading readingFor(SliceViewModel pane, CtSlice slice) {
        return WordReading.of(pane.seriesProperty().get(), slice, regionWords.get());
    }

    /**
     * The cached pyramid of {@code image} (a slice, or its denoised twin, read as {@code reading}
     * says); queues it for the worker when missing. FX thread.
     */
    public Optional<SliceTokens> pyramidOf(HuImage image, WordReading reading) {
        SliceTokens known = pyramids.get(image);
        if (known == null && pending.add(image)) {
            worker.execute(() -> compute(image, reading));
        }
        return Optional.ofNullable(known);
    }

    private void compute(HuImage image, WordReading reading) {
        try {
            if (reader == null) {
                reader = backend.openTokenReader(
                        denoising.map(d -> d.deviceProperty().get()).orElse(ComputeDevice.CPU));
            }
            SliceTokens pyramid = reader.read(image, reading);
            Platform.runLater(() -> {
                if (pyramids.size() >= CACHE_SIZE) {
                    pyramids.clear();
                }
                pending.remove(image);
                // Read in the vocabulary the user has just left: dropped, and the repaint asks again.
                if (reading.bodyRegionWords() == regionWords.get()) {
                    pyramids.put(image, pyramid);
                }
                revision.set(revision.get() + 1);
            });
        } catch (Exception | OutOfMemoryError e) {
            Platform.runLater(() -> {
                pending.remove(image);
                problem.set("Token pyramid failed: " + e.getMessage());
            });
        }
    }

    /** The level of {@code pane}'s pyramid the overlay shows, if it is there. */
    public Optional<SliceTokens.Level> levelFor(SliceViewModel pane) {
        return pyramidFor(pane).map(p -> p.level(level.get()));
    }

    /**
     * Per cell of the shown level, what denoising did to its word ({@link CellChange}): the original
     * and the denoised slice at {@code pane}'s index compared level by level; empty until both
     * pyramids exist (or without denoising).
     */
    public Optional<CellChange[]> changedCells(SliceViewModel pane) {
        Optional<DenoisedSeries> denoised =
                denoising.map(DenoiseViewModel::shownProperty).map(p -> p.get());
        CtSlice original = pane.originalSliceBinding().get();
        if (denoised.isEmpty()
                || original == null
                || denoised.get().source() != pane.seriesProperty().get()) {
            return Optional.empty();
        }
        Optional<HuImage> clean = denoised.get().image(pane.sliceIndexProperty().get());
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        WordReading reading = readingFor(pane, original); // the denoised slice is read as its original
        Optional<SliceTokens> a = pyramidOf(original.image(), reading);
        Optional<SliceTokens> b = pyramidOf(clean.get(), reading);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        int shown = level.get();
        SliceTokens.Level before = a.get().level(shown);
        SliceTokens.Level after = b.get().level(shown);
        CellChange[] changes = new CellChange[before.cells()];
        for (int i = 0; i < changes.length; i++) {
            if (before.words().get(i).equals(after.words().get(i))) {
                changes[i] = CellChange.SAME;
                continue;
            }
            changes[i] = CellChange.CHANGED;
            for (int coarser = 1; coarser < shown; coarser++) {
                SliceTokens.Level coarseBefore = a.get().level(coarser);
                int cell = coarseBefore.cellCovering(before, i);
                if (cell >= 0
                        && !coarseBefore
                                .words()
                                .get(cell)
                                .equals(b.get().level(coarser).words().get(cell))) {
                    changes[i] = CellChange.UNDER_CHANGED_COARSER_WORD;
                    break;
                }
            }
        }
        return Optional.of(changes);
    }

    /** Whether {@code cell} of {@code level} is sure enough to draw: its margin reaches the threshold. */
    public boolean sureEnough(SliceTokens.Level level, int cell) {
        double margin = level.margin(cell);
        return minMargin.get() <= 0 || Double.isNaN(margin) || margin >= minMargin.get();
    }

    /** Whether a cell with {@code word} is drawn: all are, unless a list of words to show is given. */
    public boolean shows(String word) {
        Set<String> only = onlyWordSet();
        return only.isEmpty() || only.contains(word);
    }

    /** Whether {@code word} is the searched one (highlighted wherever it occurs). */
    public boolean matchesSearch(String word) {
        String s = search.get().trim().toLowerCase(Locale.ROOT);
        return !s.isEmpty() && word.equalsIgnoreCase(s);
    }

    public Set<String> onlyWordSet() {
        return Arrays.stream(onlyWords.get().split("[,;\\s]+"))
                .map(w -> w.trim().toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Updates the hover text for image point (x, y) of {@code pane}: word, distance, next candidates. */
    public void hoverAt(SliceViewModel pane, double x, double y) {
        Optional<SliceTokens.Level> shown = levelFor(pane);
        int cell = shown.map(l -> l.cellAt(x, y)).orElse(-1);
        if (cell < 0) {
            hover.set("");
            return;
        }
        SliceTokens.Level l = shown.get();
        double margin = l.margin(cell);
        String next = l.candidates().get(cell).stream()
                .skip(1)
                .map(c -> String.format(Locale.ROOT, "%s (%.2f)", c.word(), c.distance()))
                .collect(Collectors.joining(", "));
        hover.set(String.format(
                Locale.ROOT,
                "%s  level %d cell (%d, %d): \"%s\"  distance %.2f  margin %s  tissue %s%s",
                pane.name(),
                level.get(),
                cell / l.columns() + 1,
                cell % l.columns() + 1,
                l.words().get(cell),
                l.distances()[cell],
                Double.isNaN(margin) ? "?" : String.format(Locale.ROOT, "%.2f", margin),
                l.tissue().get(cell),
                next.isEmpty() ? "" : "\nnext: " + next));
    }

    private void refreshWords() {
        SliceViewModel pane = paneSet.active();
        Optional<SliceTokens.Level> shown = levelFor(pane);
        words.setAll(shown.map(this::sureWordCounts).orElse(List.of()));
        vocabulary.set(pyramidFor(pane).map(SliceTokens::vocabulary).orElse(""));
    }

    /** Words of the cells sure enough to be drawn, most frequent first (ties alphabetical). */
    private List<WordCount> sureWordCounts(SliceTokens.Level level) {
        return level.wordCounts(cell -> sureEnough(level, cell)).entrySet().stream()
                .map(e -> new WordCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Cells whose word's margin to its next candidate is below this are not drawn (0: all are). */
    public DoubleProperty minMarginProperty() {
        return minMargin;
    }

    /**
     * Whether words are read among the slice's body region's words (default) or, as the LangAE
     * chooses them, in the whole codebook.
     */
    public BooleanProperty regionWordsProperty() {
        return regionWords;
    }

    /** Which words the active pane's slice is read in, and why (its region and the evidence). */
    public ReadOnlyStringProperty vocabularyProperty() {
        return vocabulary;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public IntegerProperty levelProperty() {
        return level;
    }

    public ObjectProperty<Colouring> colouringProperty() {
        return colouring;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty onlyWordsProperty() {
        return onlyWords;
    }

    public BooleanProperty changesOnlyProperty() {
        return changesOnly;
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public StringProperty hoverProperty() {
        return hover;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public ObservableList<WordCount> words() {
        return words;
    }
}
