package io.miglab.core.migration.lint;

import java.util.Locale;

/** How bad a finding is. Only {@link #ERROR} fails {@code miglab script lint}. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in every output format: error, warning, info. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
