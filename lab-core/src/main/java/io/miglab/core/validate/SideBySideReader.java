package io.miglab.core.validate;

import io.miglab.core.MigLabException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of given keys from both sides as text, one query per side. Keys arrive as the text the parity
 * check printed, so each becomes a literal cast to that side's own key types: the lookup uses the key's index.
 */
final class SideBySideReader {
    private SideBySideReader() {}

    static SideBySide read(Connection source, Connection target, String table, List<List<String>> keys)
            throws SQLException {
        if (keys.size() > SideBySide.MAX_KEYS) {
            throw new MigLabException("At most " + SideBySide.MAX_KEYS + " rows at once, not " + keys.size() + ".");
        }
        TableShape s = shape(source, table, "the source");
        TableShape t = shape(target, table, "the destination");
        if (s.key().isEmpty()) {
            throw new MigLabException("Table " + table + " has no key on the source: its rows cannot be named.");
        }
        if (!s.key().equals(t.key())) {
            throw new MigLabException("Table " + table + " has key " + s.key() + " on the source but " + t.key()
                    + " on the destination.");
        }
        for (List<String> k : keys) {
            if (k.size() != s.key().size()) {
                throw new MigLabException(
                        "A key of " + table + " has " + s.key().size() + " column(s), not " + k.size() + ".");
            }
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        s.columns().forEach(c -> names.add(c.name()));
        t.columns().forEach(c -> names.add(c.name()));
        List<String> columns = List.copyOf(names);
        Map<List<String>, List<String>> fromSource = rows(source, s, columns, keys);
        Map<List<String>, List<String>> fromTarget = rows(target, t, columns, keys);
        List<SideBySide.RowPair> pairs = new ArrayList<>();
        for (List<String> k : keys) {
            pairs.add(new SideBySide.RowPair(k, fromSource.get(k), fromTarget.get(k)));
        }
        return new SideBySide(table, s.key(), columns, pairs);
    }

    private static TableShape shape(Connection c, String table, String where) throws SQLException {
        List<TableShape> found = Catalog.select(Catalog.tables(c), List.of(table), where);
        return found.get(0);
    }

    private static Map<List<String>, List<String>> rows(
            Connection c, TableShape shape, List<String> columns, List<List<String>> keys) throws SQLException {
        Map<List<String>, List<String>> rows = new HashMap<>();
        if (keys.isEmpty()) {
            return rows;
        }
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < shape.key().size(); i++) {
            selected.add(Sql.ident(shape.key().get(i)) + "::text");
        }
        for (String name : columns) {
            selected.add(shape.column(name) == null ? "NULL::text" : Sql.ident(name) + "::text");
        }
        List<String> tuples = new ArrayList<>();
        for (List<String> k : keys) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < k.size(); i++) {
                parts.add(Sql.literal(k.get(i)) + "::"
                        + shape.column(shape.key().get(i)).type());
            }
            tuples.add("(" + String.join(", ", parts) + ")");
        }
        String keyTuple =
                "(" + String.join(", ", shape.key().stream().map(Sql::ident).toList()) + ")";
        String sql = "SELECT " + String.join(", ", selected) + " FROM " + shape.quoted() + " WHERE " + keyTuple
                + " IN (" + String.join(", ", tuples) + ")";
        int keyWidth = shape.key().size();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> k = new ArrayList<>(keyWidth);
                for (int i = 1; i <= keyWidth; i++) {
                    k.add(rs.getString(i));
                }
                List<String> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    values.add(rs.getString(keyWidth + 1 + i));
                }
                rows.put(k, java.util.Collections.unmodifiableList(values));
            }
        }
        return rows;
    }
}
