package io.miglab.core.advisor.index;

import io.miglab.core.plan.IndexDefinition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An index the table already has, as the catalog defines it: what a candidate must not duplicate. Only a valid,
 * non-partial btree can stand in for a candidate; its key columns count only up to the first expression.
 *
 * @param keys key columns as {@code pg_get_indexdef(index, n, true)} prints them
 * @param include INCLUDE columns, raw names
 */
record ExistingIndex(
        String schema,
        String table,
        String name,
        String method,
        List<String> keys,
        List<String> include,
        boolean partial,
        boolean valid) {
    private static final String SQL = "SELECT n.nspname, t.relname, c.relname, am.amname,"
            + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k),"
            + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(i.indnkeyatts + 1, i.indnatts) k"
            + " ORDER BY k),"
            + " i.indpred IS NOT NULL, i.indisvalid"
            + " FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_class t ON t.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace"
            + " JOIN pg_am am ON am.oid = c.relam"
            + " WHERE n.nspname || '.' || t.relname = ANY (?)"
            + " ORDER BY n.nspname, t.relname, c.relname";

    ExistingIndex {
        keys = List.copyOf(keys);
        include = List.copyOf(include);
    }

    /** The indexes of the given tables ({@code schema.table}, raw). */
    static List<ExistingIndex> read(Connection connection, Collection<String> qualifiedTables) throws SQLException {
        List<ExistingIndex> out = new ArrayList<>();
        if (qualifiedTables.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setArray(1, connection.createArrayOf("text", qualifiedTables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExistingIndex(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            strings(rs.getArray(5)),
                            strings(rs.getArray(6)),
                            rs.getBoolean(7),
                            rs.getBoolean(8)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add((String) o);
        }
        return out;
    }

    /** The leading key columns that are plain columns, up to the first expression, as raw names. */
    List<String> leadingPlainColumns() {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String plain =
                    IndexDefinition.plainColumnOf(k.replaceAll("(?i)\\s+(ASC|DESC)?(\\s+NULLS\\s+(FIRST|LAST))?$", "")
                            .strip());
            if (plain == null) {
                break;
            }
            out.add(plain);
        }
        return out;
    }

    /**
     * Whether this index serves whatever {@code columns} (key) plus {@code included} would: a valid, non-partial
     * btree on the same table whose leading plain key columns start with {@code columns} and that holds every
     * included column as a key or INCLUDE column.
     */
    boolean covers(String schema, String table, List<String> columns, List<String> included) {
        if (!"btree".equals(method) || partial || !valid || !this.schema.equals(schema) || !this.table.equals(table)) {
            return false;
        }
        List<String> leading = leadingPlainColumns();
        if (leading.size() < columns.size()
                || !leading.subList(0, columns.size()).equals(columns)) {
            return false;
        }
        Set<String> held = new HashSet<>(leading);
        for (String k : keys) {
            String plain = IndexDefinition.plainColumnOf(k);
            if (plain != null) {
                held.add(plain);
            }
        }
        for (String i : include) {
            String plain = IndexDefinition.plainColumnOf(i);
            if (plain != null) {
                held.add(plain);
            }
        }
        return held.containsAll(included);
    }

    /** {@code rental_pkey (rental_id)}. */
    String describe() {
        return name + " (" + String.join(", ", keys) + ")"
                + (include.isEmpty() ? "" : " INCLUDE (" + String.join(", ", include) + ")");
    }
}
