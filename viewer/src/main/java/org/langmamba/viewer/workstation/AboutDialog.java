package org.langmamba.viewer.workstation;

import java.util.Map;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Versions of everything that shapes what the workstation shows: the app, Java, JavaFX, the
 * network engine, each model with its checksum, and the device in use. Selectable text, so a
 * physicist can paste it into a report or a bug.
 */
public final class AboutDialog extends Alert {
    public AboutDialog(Map<String, String> versions) {
        super(AlertType.INFORMATION);
        setTitle("About LangMamba Workstation");
        setHeaderText("LangMamba Workstation");
        String text = versions.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        TextArea area = new TextArea(text);
        area.setId("about-versions");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(70);
        area.setPrefRowCount(Math.min(18, versions.size() + 1));
        getDialogPane().setContent(area);
        ButtonType copy = new ButtonType("Copy");
        getButtonTypes().setAll(copy, ButtonType.CLOSE);
        getDialogPane().lookupButton(copy).addEventFilter(ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
    }
}
