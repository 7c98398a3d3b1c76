package io.miglab.core.plan;

import java.util.List;

/**
 * An index as the catalog defines it, for the findings a plan alone cannot give (which column an index leads with).
 * Names are raw, as the catalog spells them; key columns are as {@code pg_get_indexdef(index, column, true)} prints
 * them: a column name, quoted when it needs quotes ({@code "UPPER"}), or an expression ({@code lower(email)}).
 *
 * @param keyColumns the key columns in order, without INCLUDE columns
 */
public record IndexDefinition(String schema, String name, String table, String method, List<String> keyColumns) {

    public IndexDefinition {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An index definition needs the index name");
        }
        keyColumns = List.copyOf(keyColumns);
    }

    public boolean btree() {
        return "btree".equals(method);
    }

    /** The first key column as a raw name, or null when the index leads with an expression. */
    public String leadingColumn() {
        return keyColumns.isEmpty() ? null : plainColumnOf(keyColumns.get(0));
    }

    /** Key columns that are plain columns, as raw names, in index order; expressions are left out. */
    public List<String> plainKeyColumns() {
        return keyColumns.stream()
                .map(IndexDefinition::plainColumnOf)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** {@code status} -> {@code status}, {@code "UPPER"} -> {@code UPPER}, {@code lower(email)} -> null. */
    public static String plainColumnOf(String key) {
        if (key.matches("[a-z_][a-z0-9_$]*")) {
            return key;
        }
        if (key.matches("\"(?:[^\"]|\"\")+\"")) {
            return key.substring(1, key.length() - 1).replace("\"\"", "\"");
        }
        return null;
    }
}
