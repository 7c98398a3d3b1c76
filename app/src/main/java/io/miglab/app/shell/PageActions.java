package io.miglab.app.shell;

/**
 * What the keyboard reaches on the page shown: Ctrl+Enter runs its main action (explain, run the baseline, load,
 * take the snapshot), Esc cancels its running job. A page's view implements it; the main window forwards the keys
 * to the page on screen.
 */
public interface PageActions {

    /** The page's main action, as its primary button does; nothing when it has none or it is disabled. */
    default void runPrimaryAction() {}

    /** Cancels the page's running job, if it has one. */
    default void cancelRunningJob() {}

    /** Puts the keyboard focus where the user starts on this page (the query box, the first field). */
    default void focusFirst() {}
}
