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
 */
public record TableInfo(String name, Long rows, Long bytes, boolean foreign, List<IndexInfo> indexes) {
    public TableInfo {
        indexes = List.copyOf(indexes);
    }
}
