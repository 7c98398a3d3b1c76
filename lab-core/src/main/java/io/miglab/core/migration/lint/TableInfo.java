package io.miglab.core.migration.lint;

import java.util.List;

/**
 * A table's size and indexes on the target.
 *
 * @param name the name the script used for it
 * @param rows pg_class.reltuples, or null when the table was never analyzed
 * @param bytes pg_total_relation_size: heap, TOAST and indexes
 * @param foreign whether it is a foreign table (relkind 'f'): every read goes to another server
 * @param indexes its indexes
 * @param key its primary key when that is one column, or null (none, or several columns)
 */
public record TableInfo(String name, Long rows, Long bytes, boolean foreign, List<IndexInfo> indexes, Key key) {
    public TableInfo {
        indexes = List.copyOf(indexes);
    }

    /** A table whose primary key is not known. */
    public TableInfo(String name, Long rows, Long bytes, boolean foreign, List<IndexInfo> indexes) {
        this(name, rows, bytes, foreign, indexes, null);
    }

    /**
     * A one-column primary key.
     *
     * @param column the column's name as the catalog holds it (unquoted, case kept)
     * @param type its type as format_type prints it: {@code integer}, {@code bigint}, {@code text}
     */
    public record Key(String column, String type) {
        /** Whether it is smallint, integer or bigint: ranges of it can be walked batch by batch. */
        public boolean integer() {
            return type.equals("smallint") || type.equals("integer") || type.equals("bigint");
        }
    }
}
