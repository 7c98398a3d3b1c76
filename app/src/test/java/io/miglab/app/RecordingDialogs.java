package io.miglab.app;

import io.miglab.app.dialog.DialogService;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A dialog service for view-model and view tests: answers confirmations, inputs and file choosers as told, and
 * records what would have been shown.
 */
public final class RecordingDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    /** What the next input dialogs answer, in turn; empty means the user cancels. */
    public final Deque<String> inputs = new ArrayDeque<>();
    /** What the next file choosers answer, in turn; empty means the user cancels. */
    public final Deque<Path> files = new ArrayDeque<>();

    public boolean answer = true;
    /** The questions asked, as "title: message". */
    public final List<String> confirmations = new ArrayList<>();

    @Override
    public boolean confirm(String title, String message) {
        confirmations.add(title + ": " + message);
        return answer;
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }

    @Override
    public Optional<String> input(String title, String prompt, String initial) {
        return Optional.ofNullable(inputs.poll());
    }

    @Override
    public Optional<String> choose(String title, String prompt, List<String> choices, String initial) {
        String answer = inputs.poll();
        if (answer != null && !choices.contains(answer)) {
            throw new AssertionError("'" + answer + "' is not one of " + choices);
        }
        return Optional.ofNullable(answer);
    }

    @Override
    public Optional<Path> openFile(String title, List<FileType> types) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> saveFile(String title, String suggestedName, List<FileType> types) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> openFolder(String title) {
        return Optional.ofNullable(files.poll());
    }
}
