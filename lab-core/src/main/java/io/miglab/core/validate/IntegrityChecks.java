package io.miglab.core.validate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The destination's integrity after a load, read from its catalogs and one query per foreign key or sequence. */
final class IntegrityChecks {
    private IntegrityChecks() {}

    static Check notValidConstraints(Connection c) throws SQLException {
        List<String> problems = list(
                c,
                "SELECT n.nspname || '.' || cl.relname || ': ' || co.conname || ' ('"
                        + " || pg_get_constraintdef(co.oid) || ')' FROM pg_constraint co"
                        + " JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace"
                        + " WHERE NOT co.convalidated AND " + Catalog.USER_SCHEMAS + " ORDER BY 1");
        return verdict("not-valid-constraints", problems, "every constraint is validated", " NOT VALID");
    }

    static Check invalidIndexes(Connection c) throws SQLException {
        List<String> problems = list(
                c,
                "SELECT n.nspname || '.' || ic.relname || ' on ' || i.indrelid::regclass::text"
                        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE NOT i.indisvalid AND "
                        + Catalog.USER_SCHEMAS
                        + " ORDER BY 1");
        return verdict("invalid-indexes", problems, "every index is valid", " invalid (REINDEX or rebuild it)");
    }

    /** One anti-join per foreign key whose table was validated: child rows whose parent is not there. */
    static Check foreignKeyOrphans(Connection c, Set<String> tables) throws SQLException {
        List<String[]> fks = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, cl.relname, co.conname, pn.nspname, p.relname,"
                        + " array(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a"
                        + " ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o),"
                        + " array(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a"
                        + " ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o)"
                        + " FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid"
                        + " JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_class p ON p.oid = co.confrelid"
                        + " JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE co.contype = 'f' AND "
                        + Catalog.USER_SCHEMAS + " ORDER BY 1, 2, 3")) {
            while (rs.next()) {
                if (!tables.contains(rs.getString(1) + "." + rs.getString(2))) {
                    continue;
                }
                String[] childCols = (String[]) rs.getArray(6).getArray();
                String[] parentCols = (String[]) rs.getArray(7).getArray();
                fks.add(new String[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    String.join("\u0000", childCols),
                    String.join("\u0000", parentCols)
                });
            }
        }
        List<String> problems = new ArrayList<>();
        for (String[] fk : fks) {
            String[] childCols = fk[5].split("\u0000");
            String[] parentCols = fk[6].split("\u0000");
            List<String> notNull = new ArrayList<>();
            List<String> join = new ArrayList<>();
            for (int i = 0; i < childCols.length; i++) {
                notNull.add("c." + Sql.ident(childCols[i]) + " IS NOT NULL");
                join.add("p." + Sql.ident(parentCols[i]) + " = c." + Sql.ident(childCols[i]));
            }
            // MATCH SIMPLE: a row with a NULL in the key references nothing.
            String sql = "SELECT count(*) FROM " + Sql.ident(fk[0]) + "." + Sql.ident(fk[1]) + " c WHERE "
                    + String.join(" AND ", notNull) + " AND NOT EXISTS (SELECT 1 FROM " + Sql.ident(fk[3]) + "."
                    + Sql.ident(fk[4]) + " p WHERE " + String.join(" AND ", join) + ")";
            long orphans = count(c, sql);
            if (orphans > 0) {
                problems.add(fk[0] + "." + fk[1] + ": " + fk[2] + " has " + orphans + " row(s) whose " + fk[3] + "."
                        + fk[4] + " row is missing");
            }
        }
        Check check = verdict("foreign-key-orphans", problems, fks.size() + " foreign key(s), no orphans", "");
        return check;
    }

    /** Sequences owned by a column (serial or identity) whose next value is not above the column's max. */
    static Check sequences(Connection c, Set<String> tables) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sn.nspname, s.relname, tn.nspname, t.relname, a.attname,"
                        + " q.seqincrement FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                        + " JOIN pg_namespace sn ON sn.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid"
                        + " JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
                        + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
                        + " AND d.deptype IN ('a', 'i') ORDER BY 1, 2")) {
            while (rs.next()) {
                if (tables.contains(rs.getString(3) + "." + rs.getString(4))) {
                    owned.add(new String[] {
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)
                    });
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String[] o : owned) {
            String seq = Sql.ident(o[0]) + "." + Sql.ident(o[1]);
            long increment = Long.parseLong(o[5]);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT s.last_value, s.is_called, (SELECT "
                            + (increment > 0 ? "max" : "min") + "(" + Sql.ident(o[4]) + ")::text FROM "
                            + Sql.ident(o[2]) + "." + Sql.ident(o[3]) + ") FROM " + seq + " s")) {
                rs.next();
                long last = rs.getLong(1);
                boolean called = rs.getBoolean(2);
                String extreme = rs.getString(3);
                if (extreme == null) {
                    continue;
                }
                long next = called ? last + increment : last;
                java.math.BigInteger m =
                        new java.math.BigInteger(extreme.contains(".") ? extreme.split("\\.")[0] : extreme);
                boolean behind = increment > 0
                        ? java.math.BigInteger.valueOf(next).compareTo(m) <= 0
                        : java.math.BigInteger.valueOf(next).compareTo(m) >= 0;
                if (behind) {
                    problems.add(o[0] + "." + o[1] + " would give " + next + " next but " + o[2] + "." + o[3] + "."
                            + o[4] + " already reaches " + extreme + "; fix: SELECT setval('" + seq.replace("'", "''")
                            + "', (SELECT max(" + Sql.ident(o[4]) + ") FROM " + Sql.ident(o[2]) + "."
                            + Sql.ident(o[3]) + "))");
                }
            }
        }
        return verdict("sequences", problems, owned.size() + " owned sequence(s), none behind its column", "");
    }

    /** Objects of each kind only on one side, or defined differently. */
    static Check schema(Map<String, Map<String, String>> source, Map<String, Map<String, String>> target) {
        List<String> problems = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String kind : source.keySet()) {
            Map<String, String> s = source.get(kind);
            Map<String, String> t = target.getOrDefault(kind, Map.of());
            Set<String> names = new TreeSet<>(s.keySet());
            names.addAll(t.keySet());
            for (String name : names) {
                String a = s.get(name);
                String b = t.get(name);
                if (a == null && kind.equals("extension")) {
                    // An extension the destination has besides (a lab instance's pg_stat_statements) loses nothing.
                    extra.add(name);
                } else if (a == null) {
                    problems.add(kind + " " + name + " is only on the destination");
                } else if (b == null) {
                    problems.add(kind + " " + name + " is missing on the destination");
                } else if (!a.equals(b)) {
                    problems.add(kind + " " + name + " differs: " + a + " (source) vs " + b + " (destination)");
                }
            }
        }
        long objects = source.values().stream().mapToLong(Map::size).sum();
        String also = extra.isEmpty() ? "" : "; the destination also has extension(s) " + String.join(", ", extra);
        return verdict("schema", problems, objects + " object(s) alike on both sides" + also, "");
    }

    private static Check verdict(String name, List<String> problems, String passedSummary, String suffix) {
        if (problems.isEmpty()) {
            return new Check(name, true, passedSummary, List.of(), 0);
        }
        List<String> lines = problems.stream().map(p -> p + suffix).toList();
        return new Check(
                name,
                false,
                problems.size() + " problem(s): " + lines.get(0) + (problems.size() > 1 ? " ..." : ""),
                lines,
                problems.size());
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
