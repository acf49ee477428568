package org.langmamba.viewer.dialogs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a view-model asks the user something or tells them something that cannot wait in a status
 * line (JabRef's {@code DialogService}): the view-model decides what to ask and what to do with the
 * answer, {@link FxDialogService} shows real dialogs, and a test answers with a script. Every method
 * blocks until the user has answered; call it on the FX thread.
 */
public interface DialogService {
    /** An error the user must read before going on: the message names the file or input and the reason. */
    void showError(String title, String message);

    /**
     * A question with OK and Cancel and one option as a check box (unticked at first): empty when
     * cancelled, else whether the option was ticked.
     */
    Optional<Boolean> confirm(String question, String option);

    /** An existing folder, e.g. where a new export folder goes. */
    Optional<Path> chooseFolder(String title);

    /** A file to open, of the kind {@code description} with names matching {@code pattern} ("*.lmmd"). */
    Optional<Path> chooseFile(String title, String description, String pattern);

    /** Where a new file goes, {@code suggestedName} offered; the caller never overwrites what is there. */
    Optional<Path> chooseNewFile(String title, String suggestedName);
}
