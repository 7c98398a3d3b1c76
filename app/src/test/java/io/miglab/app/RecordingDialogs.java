package io.miglab.app;

import io.miglab.app.dialog.DialogService;
import java.util.ArrayList;
import java.util.List;

/** A dialog service for view-model tests: answers confirmations as told and records what would be shown. */
public final class RecordingDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    public boolean answer = true;

    @Override
    public boolean confirm(String title, String message) {
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
}
