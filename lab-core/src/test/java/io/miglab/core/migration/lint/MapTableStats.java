package io.miglab.core.migration.lint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Table statistics held in memory: a target's catalog without the server, for the rules' own tests. */
final class MapTableStats implements TableStats {
    private final Map<String, TableInfo> tables = new HashMap<>();

    MapTableStats table(String name, long rows, long bytes, IndexInfo... indexes) {
        tables.put(name, new TableInfo(name, rows, bytes, false, List.of(indexes)));
        return this;
    }

    /** A table with a one-column primary key {@code column} of {@code type}, as the catalog would report it. */
    MapTableStats keyed(String name, long rows, long bytes, String column, String type, IndexInfo... indexes) {
        tables.put(name, new TableInfo(name, rows, bytes, false, List.of(indexes), new TableInfo.Key(column, type)));
        return this;
    }

    @Override
    public Optional<TableInfo> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    static IndexInfo btree(String name, String key) {
        return new IndexInfo(name, "btree", false, List.of(key), null);
    }

    static IndexInfo primaryKey(String name, String key) {
        return new IndexInfo(name, "btree", true, List.of(key), null);
    }

    static IndexInfo partial(String name, String key, String predicate) {
        return new IndexInfo(name, "btree", false, List.of(key), predicate);
    }
}
