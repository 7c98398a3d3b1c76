package io.miglab.core.workload;

/** Keeps A/B tests in the ledger: one experiment of kind {@value #KIND} holding both sides' rounds. */
public final class AbRecorder {
    public static final String KIND = "ab";

    private AbRecorder() {}
}
