package io.miglab.core.migration.timing;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shrinks a copy of a database to about a fraction of its rows with every foreign key still satisfied: the tables
 * that reference no other table keep each row with probability {@code fraction} (seeded, so the same sample each
 * time), then the rows left without their parent are deleted along every foreign key until none are left. Children
 * thus keep about the fraction of their parents (less where a row needs two parents kept). Run only on a copy:
 * it deletes rows, with triggers off.
 */
public final class DatabaseSampler {
    private DatabaseSampler() {}

    /** A foreign key: {@code child (columns)} references {@code parent (parentColumns)}; names quoted as needed. */
    record ForeignKey(String child, List<String> columns, String parent, List<String> parentColumns) {}

    /**
     * Samples the database {@code c} is connected to (auto-commit), rewrites its tables (VACUUM FULL) and analyzes
     * them; returns the rows deleted.
     * A fraction of 1 or more keeps everything.
     */
    public static long sample(Connection c, double fraction, double seed, Cancellation cancellation)
            throws SQLException {
        if (!(fraction > 0)) {
            throw new MigLabException("A sample must keep more than 0% of the rows, not " + fraction * 100 + "%.");
        }
        long deleted = 0;
        if (fraction < 1) {
            List<String> tables = tables(c);
            List<ForeignKey> keys = foreignKeys(c);
            Set<String> children = new HashSet<>();
            keys.stream().filter(k -> !k.child().equals(k.parent())).forEach(k -> children.add(k.child()));
            try (Statement s = c.createStatement()) {
                try {
                    // Neither the foreign keys' triggers (a RESTRICT would refuse the parents' deletes) nor the
                    // user's fire while rows go: the orphans are deleted by hand below.
                    s.execute("SET session_replication_role = replica");
                } catch (SQLException e) {
                    throw new MigLabException(
                            "Sampling needs a superuser on the lab instance (SET" + " session_replication_role): "
                                    + e.getMessage(),
                            e);
                }
                try {
                    for (String table : tables) {
                        if (!children.contains(table)) {
                            cancellation.checkpoint();
                            s.execute(String.format(Locale.ROOT, "SELECT setseed(%s)", seed));
                            deleted += s.executeUpdate(
                                    String.format(Locale.ROOT, "DELETE FROM %s WHERE random() >= %s", table, fraction));
                        }
                    }
                    boolean again = true;
                    while (again) {
                        again = false;
                        for (ForeignKey k : keys) {
                            cancellation.checkpoint();
                            long n = s.executeUpdate(orphans(k));
                            deleted += n;
                            again |= n > 0;
                        }
                    }
                } finally {
                    s.execute("RESET session_replication_role");
                }
                // Rewritten, not only vacuumed: a table with nine tenths of its pages empty would still be scanned
                // whole, and its size would still be the full one's.
                for (String table : tables) {
                    cancellation.checkpoint();
                    s.execute("VACUUM (FULL, ANALYZE) " + table);
                }
            }
        } else {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
        return deleted;
    }

    /** The rows of the child whose (non-null) key has no parent row; MATCH SIMPLE: a null column matches anything. */
    static String orphans(ForeignKey k) {
        StringBuilder sql = new StringBuilder("DELETE FROM " + k.child() + " AS miglab_child WHERE ");
        for (String col : k.columns()) {
            sql.append("miglab_child.").append(col).append(" IS NOT NULL AND ");
        }
        sql.append("NOT EXISTS (SELECT 1 FROM ").append(k.parent()).append(" AS miglab_parent WHERE ");
        for (int i = 0; i < k.columns().size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            sql.append("miglab_parent.")
                    .append(k.parentColumns().get(i))
                    .append(" = miglab_child.")
                    .append(k.columns().get(i));
        }
        return sql.append(')').toString();
    }

    /** Ordinary and partitioned tables outside the system schemas (a partition is sampled through its parent). */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
                        + " ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every foreign key (contype 'f'), once: a partition's clone of its parent's key is left out. */
    static List<ForeignKey> foreignKeys(Connection c) throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT con.conrelid::regclass::text, con.confrelid::regclass::text,"
                        + " ARRAY(SELECT quote_ident(a.attname) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, o)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.o),"
                        + " ARRAY(SELECT quote_ident(a.attname) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, o)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.o)"
                        + " FROM pg_constraint con JOIN pg_class r ON r.oid = con.conrelid"
                        + " WHERE con.contype = 'f' AND con.conparentid = 0 AND NOT r.relispartition"
                        + " ORDER BY 1, con.conname")) {
            while (rs.next()) {
                out.add(new ForeignKey(
                        rs.getString(1), strings(rs.getArray(3)), rs.getString(2), strings(rs.getArray(4))));
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
