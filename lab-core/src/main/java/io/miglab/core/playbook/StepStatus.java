package io.miglab.core.playbook;

import java.util.Locale;

/** Where the user stands on one playbook step. */
public enum StepStatus {
    NOT_STARTED,
    IN_PROGRESS,
    DONE,
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
