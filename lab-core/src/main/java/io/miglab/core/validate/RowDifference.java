package io.miglab.core.validate;

import java.util.List;

/**
 * One row that differs, named by its key (each column's text form).
 *
 * @param kind MISSING: in the source, not in the destination; EXTRA: only in the destination; CHANGED: both have the
 *     key, with other values
 */
public record RowDifference(Kind kind, List<String> key) {
    public enum Kind {
        MISSING,
        EXTRA,
        CHANGED
    }

    public RowDifference {
        key = List.copyOf(key);
    }

    /** (1), (1, 'x'): the key as a tuple. */
    public String keyText() {
        return key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
    }
}
