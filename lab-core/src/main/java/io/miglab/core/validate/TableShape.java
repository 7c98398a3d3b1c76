package io.miglab.core.validate;

import java.util.List;

/**
 * A table as the catalogs describe it: what parity needs to build its queries.
 *
 * @param key the primary key's columns, else a unique index's on NOT NULL columns; empty when there is none
 * @param pages the table's size in blocks, to size a sample
 */
record TableShape(String schema, String name, List<Column> columns, List<String> key, long pages) {
    record Column(String name, String type, boolean notNull, String defaultExpr, boolean collatable) {}

    TableShape {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    String qualified() {
        return schema + "." + name;
    }

    String quoted() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    Column column(String columnName) {
        return columns.stream()
                .filter(c -> c.name().equals(columnName))
                .findFirst()
                .orElse(null);
    }
}
