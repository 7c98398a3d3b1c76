package io.miglab.app.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Dialogs, file choosers and notifications, behind an interface so view models and views stay testable without
 * windows (JabRef's DialogService): no view builds a FileChooser or a TextInputDialog itself.
 */
public interface DialogService {

    /** Asks a yes/no question; true means go ahead. */
    boolean confirm(String title, String message);

    /** Shows a problem the user must read. The message is plain words, never a stack trace. */
    void showError(String title, String message);

    /** A short, non-blocking notice (for example "Experiment 12 deleted"). */
    void notify(String message);

    /** Asks for one line of text; empty when the user cancelled. */
    Optional<String> input(String title, String prompt, String initial);

    /** Asks for one of {@code choices}, {@code initial} preselected; empty when the user cancelled. */
    Optional<String> choose(String title, String prompt, List<String> choices, String initial);

    /** Asks for a file to read; empty when the user cancelled. */
    Optional<Path> openFile(String title, List<FileType> types);

    /** Asks where to write a file, suggesting {@code suggestedName}; empty when the user cancelled. */
    Optional<Path> saveFile(String title, String suggestedName, List<FileType> types);

    /** Asks for a folder; empty when the user cancelled. */
    Optional<Path> openFolder(String title);

    /** A kind of file a chooser offers, as "SQL files (*.sql)". */
    record FileType(String description, List<String> patterns) {
        public static final FileType ALL = new FileType("All files", List.of("*.*"));

        public static FileType of(String description, String... patterns) {
            return new FileType(description, List.of(patterns));
        }
    }
}
