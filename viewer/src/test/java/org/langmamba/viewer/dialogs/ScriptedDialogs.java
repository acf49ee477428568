package org.langmamba.viewer.dialogs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A user who answers every dialog as scripted and whose every question and error is recorded. */
public final class ScriptedDialogs implements DialogService {
    /** What a test expects the user to have been told or asked. */
    public final List<String> shown = new ArrayList<>();

    private Optional<Path> folder = Optional.empty();
    private Optional<Path> file = Optional.empty();
    private Optional<Boolean> confirmation = Optional.empty();

    /** The folder, file to open or new file the user picks (empty: they cancel). */
    public ScriptedDialogs picks(Path path) {
        folder = Optional.of(path);
        file = Optional.of(path);
        return this;
    }

    /** The user presses OK, ticking the option or not. */
    public ScriptedDialogs confirms(boolean option) {
        confirmation = Optional.of(option);
        return this;
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }

    @Override
    public Optional<Boolean> confirm(String question, String option) {
        shown.add("confirm: " + question + " [" + option + "]");
        return confirmation;
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        shown.add("folder: " + title);
        return folder;
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, String pattern) {
        shown.add("file: " + title + " (" + pattern + ")");
        return file;
    }

    @Override
    public Optional<Path> chooseNewFile(String title, String suggestedName) {
        shown.add("new file: " + title + " [" + suggestedName + "]");
        return file;
    }
}
