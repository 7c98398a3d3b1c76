package io.miglab.app.dialog;

/** Dialogs and notifications, behind an interface so view models stay testable without windows. */
public interface DialogService {

    /** Asks a yes/no question; true means go ahead. */
    boolean confirm(String title, String message);

    /** Shows a problem the user must read. The message is plain words, never a stack trace. */
    void showError(String title, String message);

    /** A short, non-blocking notice (for example "Experiment 12 deleted"). */
    void notify(String message);
}
