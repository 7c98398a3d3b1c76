package io.miglab.core.inventory;

/** How urgent a finding is; findings are listed most severe first. */
public enum Severity {
    /** Costs now or breaks soon: an invalid index, a sequence about to run out. */
    CRITICAL,
    /** Worth fixing before a migration: duplicate indexes, heavy bloat, long transactions. */
    WARNING,
    /** Worth a look: unused or redundant indexes, constraints not yet validated. */
    INFO
}
