package io.miglab.core.validate;

import java.util.List;

/**
 * The values of some differing rows on both sides, column by column, for a reader to see what changed.
 *
 * @param columns every column either side has, source order first
 * @param rows one per key asked for, in that order
 */
public record SideBySide(String table, List<String> key, List<String> columns, List<RowPair> rows) {
    /** At most this many keys are fetched at once: the page shows them, it is no export. */
    public static final int MAX_KEYS = 200;

    public SideBySide {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One key's row on each side; a side's values are null when the row is not there, and a value is null for SQL
     * NULL or a column that side lacks.
     */
    public record RowPair(List<String> key, List<String> source, List<String> target) {
        /** Whether column {@code i} reads differently on the two sides (also when one side lacks the row). */
        public boolean differs(int i) {
            if (source == null || target == null) {
                return true;
            }
            return !java.util.Objects.equals(source.get(i), target.get(i));
        }

        public String keyText() {
            return key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
        }
    }
}
