package io.miglab.core.ledger;

import java.util.Locale;

/** Where an experiment stands. Only {@link #RUNNING} is unfinished; the rest are final. */
public enum ExperimentStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** The process that ran it died (crash, kill -9, power loss) before it could say how it ended. */
    INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this != RUNNING;
    }
}
