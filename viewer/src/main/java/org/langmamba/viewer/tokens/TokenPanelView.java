package org.langmamba.viewer.tokens;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The physicist's panel beside the panes: overlay on/off, pyramid level, colouring, opacity, word
 * filter and search, the changed-tokens mode, what the cell under the pointer holds, and the
 * slice's words with counts (click one to find it). Thin over {@link TokenOverlayViewModel}.
 */
public final class TokenPanelView extends VBox {
    public TokenPanelView(TokenOverlayViewModel model) {
        super(6);
        setId("token-panel");
        getStyleClass().add("token-panel");
        setPrefWidth(290);
        setMinWidth(220);

        Label title = new Label("Language tokens (LangAE)");
        title.getStyleClass().add("section-title");
        CheckBox enabled = new CheckBox("Show token overlay (T)");
        enabled.setId("token-overlay");
        enabled.selectedProperty().bindBidirectional(model.enabledProperty());

        ToggleGroup levels = new ToggleGroup();
        HBox levelBox = new HBox(4);
        String[] names = {"1: 2×2", "2: 8×8", "3: 32×32"};
        for (int l = 1; l <= 3; l++) {
            int number = l;
            ToggleButton b = new ToggleButton(names[l - 1]);
            b.setId("token-level-" + l);
            b.setToggleGroup(levels);
            b.setSelected(model.levelProperty().get() == l);
            b.setOnAction(e -> {
                model.levelProperty().set(number);
                b.setSelected(true);
            });
            model.levelProperty().addListener((o, was, now) -> b.setSelected(now.intValue() == number));
            levelBox.getChildren().add(b);
        }

        ChoiceBox<TokenOverlayViewModel.Colouring> colouring = new ChoiceBox<>();
        colouring.getItems().setAll(TokenOverlayViewModel.Colouring.values());
        colouring.valueProperty().bindBidirectional(model.colouringProperty());
        colouring.setConverter(new StringConverter<>() {
            @Override
            public String toString(TokenOverlayViewModel.Colouring c) {
                return c == null
                        ? ""
                        : c == TokenOverlayViewModel.Colouring.WORD ? "colour by word" : "colour by tissue (HU)";
            }

            @Override
            public TokenOverlayViewModel.Colouring fromString(String s) {
                return null;
            }
        });

        Slider opacity = new Slider(0, 1, model.opacityProperty().get());
        opacity.setId("token-opacity");
        opacity.valueProperty().bindBidirectional(model.opacityProperty());

        TextField search = new TextField();
        search.setId("token-search");
        search.setPromptText("e.g. liver (outlined in yellow)");
        search.textProperty().bindBidirectional(model.searchProperty());
        TextField only = new TextField();
        only.setId("token-only");
        only.setPromptText("e.g. liver, bowel (empty: all)");
        only.textProperty().bindBidirectional(model.onlyWordsProperty());
        only.setTooltip(new Tooltip("Cells whose word is not in the list are not drawn; empty shows all"));

        CheckBox changes = new CheckBox("Only tokens changed by denoising");
        changes.setId("token-changes");
        changes.selectedProperty().bindBidirectional(model.changesOnlyProperty());
        changes.setTooltip(new Tooltip("Cells whose word differs between the original and the denoised slice at"
                + " this level, outlined in red; dashed orange where a coarser word above the cell changed (a finer"
                + " word encodes what the coarser ones left, so it follows them)"));

        Slider margin = new Slider(0, 1, model.minMarginProperty().get());
        margin.setId("token-min-margin");
        margin.valueProperty().bindBidirectional(model.minMarginProperty());
        Label marginValue = new Label();
        marginValue
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.minMarginProperty().get() <= 0
                                ? "Hide unsure words: off"
                                : String.format(
                                        Locale.ROOT,
                                        "Hide words less than %.2f nearer than their next candidate",
                                        model.minMarginProperty().get()),
                        model.minMarginProperty()));
        marginValue.setWrapText(true);
        margin.setTooltip(new Tooltip("A word's margin is how much farther its next candidate lies (hover a cell to"
                + " read it); a near-tie means the word is close to arbitrary"));

        CheckBox regionWords = new CheckBox("Words of the body region");
        regionWords.setId("token-region-words");
        regionWords.selectedProperty().bindBidirectional(model.regionWordsProperty());
        regionWords.setTooltip(new Tooltip("On: each latent is read among the words of the slice's body region (head,"
                + " neck, chest, abdomen, pelvis: from the body's size and lungs, the DICOM header as a hint), so a head"
                + " is not described as liver. Off: the whole codebook, the word the LangAE itself chose"));
        Label vocabulary = new Label();
        vocabulary.setId("token-vocabulary");
        vocabulary.setWrapText(true);
        vocabulary.textProperty().bind(model.vocabularyProperty());
        vocabulary.setMinHeight(Region.USE_PREF_SIZE); // the reason in full: wrapped, never cut

        Label hover = new Label();
        hover.setId("token-hover");
        hover.setWrapText(true);
        hover.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.problemProperty().get().isEmpty()
                                ? model.hoverProperty().get()
                                : model.problemProperty().get(),
                        model.hoverProperty(),
                        model.problemProperty()));
        hover.setMinHeight(54);

        ListView<TokenOverlayViewModel.WordCount> words = new ListView<>(model.words());
        words.setId("token-words");
        words.setPlaceholder(new Label("no tokens yet"));
        words.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.searchProperty().set(now.word());
            }
        });
        VBox.setVgrow(words, Priority.ALWAYS);

        getChildren()
                .addAll(
                        title,
                        enabled,
                        new Label("Level"),
                        levelBox,
                        colouring,
                        regionWords,
                        vocabulary,
                        new Label("Opacity"),
                        opacity,
                        marginValue,
                        margin,
                        new Label("Find a word"),
                        search,
                        new Label("Show only these words"),
                        only,
                        changes,
                        hover,
                        new Label("Words on this slice (active pane)"),
                        words);
    }
}
