package io.miglab.core.migration.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database holds after a migration run, in a form two runs can be compared by: a schema fingerprint and a
 * checksum per table.
 *
 * <p>The fingerprint is the SHA-256 of a sorted listing, from the catalogs of every schema but PostgreSQL's own, of
 * relations, columns (type, default, nullability), constraints ({@code pg_get_constraintdef}), indexes ({@code
 * pg_get_indexdef}) and views ({@code pg_get_viewdef}). Object ids and column positions are left out, so two runs
 * that built the same schema in a different order (the parallel batches) agree. A table's checksum is the md5 of its
 * rows' text in primary-key order, or in the order of the rows' text when it has no primary key.
 *
 * @param fingerprint hex SHA-256 of the listing
 * @param checksums per table ({@code schema.table}): {@code rows:md5}
 */
public record EndState(String fingerprint, Map<String, String> checksums) {
    public EndState {
        checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
    }

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
            + " AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

    /** The schema listing's lines, sorted, for the fingerprint and for showing what differs. */
    static List<String> schemaListing(Connection c) throws SQLException {
        String sql = "SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r','p','v','m','f','S') AND " + USER_SCHEMAS
                + " UNION ALL SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                + " || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','v','m','f')"
                + " AND " + USER_SCHEMAS
                + " UNION ALL SELECT 'constraint ' || n.nspname || '.' || c.relname || ' ' || k.conname || ' '"
                + " || pg_get_constraintdef(k.oid)"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                + " UNION ALL SELECT 'index ' || n.nspname || '.' || c.relname || ' ' || pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                + " UNION ALL SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('v','m') AND " + USER_SCHEMAS;
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        Collections.sort(lines);
        return lines;
    }

    /** The schema fingerprint alone: what the cache keys a file's starting point by. */
    static String fingerprint(Connection c) throws SQLException {
        return MigrationSet.sha256(String.join("\n", schemaListing(c)));
    }

    /** Fingerprint and per-table checksums of the database {@code c} is connected to. */
    static EndState capture(Connection c) throws SQLException {
        String fingerprint = fingerprint(c);
        Map<String, List<String>> keys = new TreeMap<>();
        String tables = "SELECT n.nspname, c.relname,"
                + " (SELECT array_agg(quote_ident(a.attname) ORDER BY array_position(x.indkey, a.attnum))"
                + "    FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)"
                + "    WHERE x.indrelid = c.oid AND x.indisprimary)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r','p') AND NOT c.relispartition AND " + USER_SCHEMAS
                + " ORDER BY 1, 2";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(tables)) {
            while (rs.next()) {
                java.sql.Array pk = rs.getArray(3);
                List<String> key = pk == null ? List.of() : List.of((String[]) pk.getArray());
                keys.put(quote(rs.getString(1)) + "." + quote(rs.getString(2)), key);
            }
        }
        Map<String, String> checksums = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : keys.entrySet()) {
            String order = table.getValue().isEmpty()
                    ? "t::text"
                    : String.join(
                            ", ", table.getValue().stream().map(k -> "t." + k).toList());
            String sql = "SELECT count(*), COALESCE(md5(string_agg(t::text, E'\\n' ORDER BY " + order + ")), '')"
                    + " FROM " + table.getKey() + " t";
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                checksums.put(table.getKey().replace("\"", ""), rs.getLong(1) + ":" + rs.getString(2));
            }
        }
        return new EndState(fingerprint, checksums);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
