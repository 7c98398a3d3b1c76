package io.miglab.core.validate;

import io.miglab.core.MigLabException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what validation needs from one database's catalogs (the same queries on PostgreSQL 12 to 18). */
final class Catalog {
    static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    /** Objects an extension created belong to the extension, compared as such, not one by one. */
    private static final String NOT_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e"
            + " WHERE e.classid = 'pg_class'::regclass AND e.objid = %s AND e.deptype = 'e')";

    private Catalog() {}

    /** The ordinary and partitioned tables (not the partitions), by schema and name. */
    static List<TableShape> tables(Connection c) throws SQLException {
        Map<Long, String[]> names = new LinkedHashMap<>();
        Map<Long, Long> pages = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relpages FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                        + " AND NOT c.relispartition AND " + USER_SCHEMAS
                        + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                        + " AND d.objid = c.oid AND d.deptype = 'e') ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                pages.put(rs.getLong(1), rs.getLong(4));
            }
        }
        Map<Long, List<TableShape.Column>> columns = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), t.typcollation <> 0"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND "
                        + USER_SCHEMAS + " ORDER BY a.attrelid, a.attnum")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new TableShape.Column(
                                rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getBoolean(6)));
            }
        }
        // The primary key first, else the first valid unique index without expressions or predicate.
        Map<Long, List<String>> keys = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT i.indrelid, i.indexrelid,"
                        + " array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord),"
                        + " bool_and_not_null FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL (SELECT coalesce(bool_and(a.attnotnull),"
                        + " false) AS bool_and_not_null FROM pg_attribute a WHERE a.attrelid = i.indrelid"
                        + " AND a.attnum = ANY (i.indkey)) nn WHERE i.indisunique AND i.indisvalid AND i.indpred IS NULL"
                        + " AND i.indexprs IS NULL AND " + USER_SCHEMAS
                        + " ORDER BY i.indrelid, i.indisprimary DESC, i.indnkeyatts, i.indexrelid")) {
            while (rs.next()) {
                long table = rs.getLong(1);
                if (keys.containsKey(table) || !rs.getBoolean(4)) {
                    continue;
                }
                String[] cols = (String[]) rs.getArray(3).getArray();
                keys.put(table, List.of(cols));
            }
        }
        List<TableShape> tables = new ArrayList<>();
        names.forEach((oid, n) -> tables.add(new TableShape(
                n[0], n[1], columns.getOrDefault(oid, List.of()), keys.getOrDefault(oid, List.of()), pages.get(oid))));
        return tables;
    }

    /** The tables named by {@code wanted} ({@code table} or {@code schema.table}), all when empty. */
    static List<TableShape> select(List<TableShape> all, List<String> wanted, String where) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<TableShape> chosen = new ArrayList<>();
        for (String w : wanted) {
            List<TableShape> matches = all.stream()
                    .filter(t -> t.qualified().equals(w) || t.name().equals(w))
                    .toList();
            if (matches.isEmpty()) {
                throw new MigLabException("There is no table '" + w + "' in " + where + ".");
            }
            if (matches.size() > 1
                    && matches.stream().noneMatch(t -> t.qualified().equals(w))) {
                throw new MigLabException("Table '" + w + "' is in several schemas of " + where + ": name it as"
                        + " schema.table ("
                        + String.join(
                                ", ",
                                matches.stream().map(TableShape::qualified).toList())
                        + ").");
            }
            matches.stream()
                    .filter(t -> matches.size() == 1 || t.qualified().equals(w))
                    .filter(t -> !chosen.contains(t))
                    .forEach(chosen::add);
        }
        return chosen;
    }

    /** Definitions by name, for the schema comparison: one map per kind of object. */
    static Map<String, Map<String, String>> definitions(Connection c) throws SQLException {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        kinds.put(
                "table",
                query(
                        c,
                        "SELECT n.nspname || '.' || c.relname, c.relkind::text FROM pg_class c"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND "
                                + USER_SCHEMAS + NOT_EXTENSION.formatted("c.oid")));
        kinds.put(
                "column",
                query(
                        c,
                        "SELECT n.nspname || '.' || c.relname || '.' || a.attname,"
                                + " format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                                + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
                                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND "
                                + USER_SCHEMAS + NOT_EXTENSION.formatted("c.oid")));
        kinds.put(
                "index",
                query(
                        c,
                        "SELECT n.nspname || '.' || ic.relname, pg_get_indexdef(i.indexrelid)"
                                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                                + " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " + USER_SCHEMAS
                                + NOT_EXTENSION.formatted("i.indrelid")));
        kinds.put(
                "constraint",
                query(
                        c,
                        "SELECT n.nspname || '.' || cl.relname || '.' || co.conname,"
                                + " pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid"
                                + " JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE " + USER_SCHEMAS
                                + NOT_EXTENSION.formatted("cl.oid")));
        kinds.put(
                "sequence",
                query(
                        c,
                        "SELECT n.nspname || '.' || c.relname, format_type(s.seqtypid, NULL)"
                                + " || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax"
                                + " || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END FROM pg_sequence s"
                                + " JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                                + USER_SCHEMAS + NOT_EXTENSION.formatted("c.oid")));
        kinds.put("extension", query(c, "SELECT extname, extname FROM pg_extension"));
        return kinds;
    }

    static Map<String, String> query(Connection c, String sql) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }
}
