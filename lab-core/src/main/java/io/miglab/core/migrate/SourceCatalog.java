package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import io.miglab.core.migrate.SchemaPlan.Kind;
import io.miglab.core.migrate.SchemaPlan.PostStatement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the loaders read from the source's catalogs: the tables to move (partitioned tables as one, their rows read
 * through the parent), and MigLab's own DDL for them where no compatible pg_dump exists. The reading session's
 * search_path is {@code pg_catalog}, so every name PostgreSQL prints back ({@code format_type}, {@code pg_get_expr},
 * {@code pg_get_indexdef}, {@code pg_get_constraintdef}) is schema-qualified and runs unchanged on the destination.
 */
final class SourceCatalog {
    static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";
    private static final String NOT_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e"
            + " WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')";

    private SourceCatalog() {}

    /**
     * One table to load.
     *
     * @param qualified {@code schema.table} unquoted, as validation names it
     * @param quoted the name quoted for SQL
     * @param dumpName the name as pg_dump writes it (quote_ident of each part)
     * @param columns the columns whose values are copied (generated columns are computed again), quoted
     * @param key the primary key's columns, in order
     * @param keyType the first key column's type
     * @param bytes size on disk of the table and its partitions (pg_table_size)
     * @param members oids of the table and its partitions
     */
    record LoadTable(
            long oid,
            String schema,
            String name,
            String qualified,
            String quoted,
            String dumpName,
            boolean partitioned,
            List<String> columns,
            List<String> key,
            String keyType,
            long bytes,
            long estimatedRows,
            boolean identity,
            List<Long> members,
            List<String> memberDumpNames) {

        String columnList() {
            return String.join(", ", columns);
        }
    }

    static void prepareSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path = pg_catalog");
        }
    }

    /** The ordinary and partitioned tables (not partitions) named by {@code wanted}, all when empty. */
    static List<LoadTable> tables(Connection c, List<String> wanted) throws SQLException {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relkind = 'p',"
                        + " quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
                        + " (SELECT coalesce(sum(pg_table_size(t.relid)), 0) FROM (SELECT relid FROM pg_partition_tree(c.oid) UNION SELECT c.oid::regclass) t),"
                        + " (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0) FROM (SELECT relid FROM pg_partition_tree(c.oid) UNION SELECT c.oid::regclass) t"
                        + " JOIN pg_class p ON p.oid = t.relid WHERE p.relkind <> 'p')," // a partitioned parent counts
                        // its partitions again
                        + " array(SELECT t.relid::bigint FROM (SELECT relid FROM pg_partition_tree(c.oid) UNION SELECT c.oid::regclass) t),"
                        + " array(SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname)"
                        + " FROM (SELECT relid FROM pg_partition_tree(c.oid) UNION SELECT c.oid::regclass) t JOIN pg_class p ON p.oid = t.relid"
                        + " JOIN pg_namespace pn ON pn.oid = p.relnamespace)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMAS
                        + NOT_EXTENSION.formatted("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                Long[] members = (Long[]) rs.getArray(8).getArray();
                String[] dumpNames = (String[]) rs.getArray(9).getArray();
                rows.put(rs.getLong(1), new Object[] {
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getString(5),
                    rs.getLong(6),
                    (long) rs.getDouble(7),
                    List.of(members),
                    List.of(dumpNames)
                });
            }
        }
        Map<Long, List<String>> columns = new LinkedHashMap<>();
        Map<Long, Boolean> identity = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.attrelid, a.attname, a.attgenerated <> '', a.attidentity <> ''"
                        + " FROM pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (SELECT c.oid"
                        + " FROM pg_class c WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition)"
                        + " ORDER BY a.attrelid, a.attnum")) {
            while (rs.next()) {
                if (!rs.getBoolean(3)) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(Quote.ident(rs.getString(2)));
                }
                if (rs.getBoolean(4)) {
                    identity.put(rs.getLong(1), true);
                }
            }
        }
        Map<Long, List<String>> keys = new LinkedHashMap<>();
        Map<Long, String> keyTypes = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT co.conrelid, array(SELECT a.attname FROM unnest(co.conkey)"
                        + " WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid"
                        + " AND a.attnum = k.attnum ORDER BY k.ord), (SELECT format_type(a.atttypid, a.atttypmod)"
                        + " FROM pg_attribute a WHERE a.attrelid = co.conrelid AND a.attnum = co.conkey[1])"
                        + " FROM pg_constraint co WHERE co.contype = 'p'")) {
            while (rs.next()) {
                keys.put(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray()));
                keyTypes.put(rs.getLong(1), rs.getString(3));
            }
        }
        List<LoadTable> all = new ArrayList<>();
        rows.forEach((oid, r) -> {
            @SuppressWarnings("unchecked")
            List<Long> members = (List<Long>) r[6];
            @SuppressWarnings("unchecked")
            List<String> dumpNames = (List<String>) r[7];
            all.add(new LoadTable(
                    oid,
                    (String) r[0],
                    (String) r[1],
                    r[0] + "." + r[1],
                    Quote.qualified((String) r[0], (String) r[1]),
                    (String) r[3],
                    (Boolean) r[2],
                    columns.getOrDefault(oid, List.of()),
                    keys.getOrDefault(oid, List.of()),
                    keyTypes.get(oid),
                    (Long) r[4],
                    (Long) r[5],
                    identity.getOrDefault(oid, false),
                    members,
                    dumpNames));
        });
        return select(all, wanted);
    }

    static List<LoadTable> select(List<LoadTable> all, List<String> wanted) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<LoadTable> chosen = new ArrayList<>();
        for (String w : wanted) {
            List<LoadTable> matches = all.stream()
                    .filter(t -> t.qualified().equals(w) || t.name().equals(w))
                    .toList();
            if (matches.isEmpty()) {
                throw new MigLabException("There is no table '" + w + "' on the source.");
            }
            if (matches.size() > 1
                    && matches.stream().noneMatch(t -> t.qualified().equals(w))) {
                throw new MigLabException(
                        "Table '" + w + "' is in several schemas of the source: name it as" + " schema.table.");
            }
            matches.stream()
                    .filter(t -> matches.size() == 1 || t.qualified().equals(w))
                    .filter(t -> !chosen.contains(t))
                    .forEach(chosen::add);
        }
        return chosen;
    }

    /** The user sequences of the source with a value to carry over, quoted, with their last value. */
    static Map<String, Long> sequenceValues(Connection c) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT schemaname, sequencename, last_value FROM pg_sequences"
                        + " WHERE last_value IS NOT NULL")) {
            while (rs.next()) {
                values.put(Quote.qualified(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return values;
    }

    /** MigLab's own DDL for the tables: schemas, enums, domains, sequences, tables, partitions, keys, indexes. */
    static SchemaPlan ddl(Connection c, List<LoadTable> tables) throws SQLException {
        Map<Long, LoadTable> byMember = new LinkedHashMap<>();
        for (LoadTable t : tables) {
            t.members().forEach(m -> byMember.put(m, t));
        }
        Long[] oids = byMember.keySet().toArray(Long[]::new);
        Array oidArray = c.createArrayOf("bigint", oids);
        List<String> pre = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        // Types first: every enum and domain of the user's schemas (cheap, and columns may use any of them).
        List<String> types = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, t.typname, t.typtype,"
                        + " array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),"
                        + " format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
                        + " array(SELECT 'CONSTRAINT ' || quote_ident(co.conname) || ' ' || pg_get_constraintdef(co.oid)"
                        + " FROM pg_constraint co WHERE co.contypid = t.oid ORDER BY co.oid)"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE t.typtype IN ('e', 'd') AND " + USER_SCHEMAS
                        + NOT_EXTENSION.formatted("pg_type", "t.oid") + " ORDER BY t.typtype = 'd', t.oid")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
                String name = Quote.qualified(rs.getString(1), rs.getString(2));
                String create;
                if (rs.getString(3).equals("e")) {
                    List<String> labels = new ArrayList<>();
                    for (String l : (String[]) rs.getArray(4).getArray()) {
                        labels.add(Quote.literal(l));
                    }
                    create = "CREATE TYPE " + name + " AS ENUM (" + String.join(", ", labels) + ")";
                } else {
                    StringBuilder d = new StringBuilder("CREATE DOMAIN " + name + " AS " + rs.getString(5));
                    if (rs.getString(7) != null) {
                        d.append(" DEFAULT ").append(rs.getString(7));
                    }
                    if (rs.getBoolean(6)) {
                        d.append(" NOT NULL");
                    }
                    for (String check : (String[]) rs.getArray(8).getArray()) {
                        d.append(' ').append(check);
                    }
                    create = d.toString();
                }
                // Another load may have made the type already; the table DDL only needs it to exist.
                types.add("DO $miglab$ BEGIN IF to_regtype(" + Quote.literal(name) + ") IS NULL THEN EXECUTE "
                        + Quote.literal(create) + "; END IF; END $miglab$");
            }
        }
        // Sequences: free ones and those owned by a loaded table's column (serial); identity ones come with the column.
        List<String> sequences = new ArrayList<>();
        List<String> ownedBy = new ArrayList<>();
        List<String> sequenceNames = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, sc.relname, format_type(s.seqtypid, NULL),"
                + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.refobjid, a.attname, d.deptype"
                + " FROM pg_sequence s JOIN pg_class sc ON sc.oid = s.seqrelid JOIN pg_namespace n ON n.oid = sc.relnamespace"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid"
                + " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE " + USER_SCHEMAS + NOT_EXTENSION.formatted("pg_class", "sc.oid") + " ORDER BY sc.oid")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long owner = rs.getLong(10);
                    boolean owned = !rs.wasNull();
                    if (owned && !byMember.containsKey(owner)) {
                        continue;
                    }
                    String name = Quote.qualified(rs.getString(1), rs.getString(2));
                    sequenceNames.add(name);
                    if (owned && "i".equals(rs.getString(12))) {
                        continue;
                    }
                    schemas.add(rs.getString(1));
                    sequences.add("CREATE SEQUENCE IF NOT EXISTS " + name + " AS " + rs.getString(3) + " START WITH "
                            + rs.getLong(4) + " INCREMENT BY " + rs.getLong(5) + " MINVALUE " + rs.getLong(6)
                            + " MAXVALUE " + rs.getLong(7) + " CACHE " + rs.getLong(8)
                            + (rs.getBoolean(9) ? " CYCLE" : " NO CYCLE"));
                    if (owned) {
                        ownedBy.add("ALTER SEQUENCE " + name + " OWNED BY "
                                + byMember.get(owner).quoted() + "." + Quote.ident(rs.getString(11)));
                    }
                }
            }
        }
        // Identity sequences by table and column, for the column definitions.
        Map<String, String> identityOptions = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.refobjid, d.refobjsubid, n.nspname, sc.relname,"
                + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle FROM pg_depend d"
                + " JOIN pg_sequence s ON s.seqrelid = d.objid JOIN pg_class sc ON sc.oid = s.seqrelid"
                + " JOIN pg_namespace n ON n.oid = sc.relnamespace WHERE d.classid = 'pg_class'::regclass"
                + " AND d.deptype = 'i' AND d.refobjid = ANY (?)")) {
            ps.setArray(1, oidArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identityOptions.put(
                            rs.getLong(1) + ":" + rs.getInt(2),
                            "(SEQUENCE NAME " + Quote.qualified(rs.getString(3), rs.getString(4)) + " START WITH "
                                    + rs.getLong(5) + " INCREMENT BY " + rs.getLong(6) + " MINVALUE " + rs.getLong(7)
                                    + " MAXVALUE " + rs.getLong(8) + " CACHE " + rs.getLong(9)
                                    + (rs.getBoolean(10) ? " CYCLE" : " NO CYCLE") + ")");
                }
            }
        }
        // Tables: roots first, then partitions parent before child.
        List<String> tableDdl = new ArrayList<>();
        List<String> leaves = new ArrayList<>();
        Map<Long, String> quotedByOid = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE tree(oid, level) AS ("
                + " SELECT c.oid, 0 FROM pg_class c WHERE c.oid = ANY (?) AND NOT c.relispartition"
                + " UNION ALL SELECT i.inhrelid, t.level + 1 FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid)"
                + " SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,"
                + " (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid LIMIT 1),"
                + " pg_get_expr(c.relpartbound, c.oid), CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                + " c.relpersistence FROM tree t JOIN pg_class c ON c.oid = t.oid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace ORDER BY t.level, c.oid")) {
            ps.setArray(1, oidArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    String quoted = Quote.qualified(rs.getString(2), rs.getString(3));
                    quotedByOid.put(oid, quoted);
                    schemas.add(rs.getString(2));
                    boolean partitioned = rs.getString(4).equals("p");
                    if (!partitioned) {
                        leaves.add(quoted);
                    }
                    String partitionBy = partitioned ? " PARTITION BY " + rs.getString(8) : "";
                    if (rs.getBoolean(5)) {
                        tableDdl.add("CREATE TABLE " + quoted + " PARTITION OF " + quotedByOid.get(rs.getLong(6)) + " "
                                + rs.getString(7) + partitionBy);
                    } else {
                        tableDdl.add("CREATE TABLE " + quoted + " ("
                                + String.join(", ", columnDefs(c, oid, identityOptions)) + ")" + partitionBy);
                    }
                }
            }
        }
        List<PostStatement> post = new ArrayList<>();
        // Keys, unique and check constraints, exclusion constraints, then indexes, then foreign keys.
        List<PostStatement> fks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT co.conrelid, co.conname, co.contype,"
                + " pg_get_constraintdef(co.oid), co.confrelid FROM pg_constraint co WHERE co.conrelid = ANY (?)"
                + " AND co.conparentid = 0 AND co.conislocal AND co.contype IN ('p', 'u', 'c', 'f', 'x')"
                + " ORDER BY co.contype = 'f', co.contype <> 'p', co.oid")) {
            ps.setArray(1, oidArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rel = rs.getLong(1);
                    String sql = "ALTER TABLE " + quotedByOid.get(rel) + " ADD CONSTRAINT "
                            + Quote.ident(rs.getString(2)) + " " + rs.getString(4);
                    String table = byMember.get(rel).qualified();
                    if (rs.getString(3).equals("f")) {
                        if (byMember.containsKey(rs.getLong(5))) {
                            fks.add(new PostStatement(
                                    table,
                                    Kind.FOREIGN_KEY,
                                    sql,
                                    Set.copyOf(List.of(quotedByOid.get(rel), quotedByOid.get(rs.getLong(5))))));
                        }
                    } else {
                        post.add(new PostStatement(table, Kind.CONSTRAINT, sql));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT i.indrelid, pg_get_indexdef(i.indexrelid)"
                        + " FROM pg_index i WHERE i.indrelid = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_constraint co"
                        + " WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) ORDER BY i.indexrelid")) {
            ps.setArray(1, oidArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // An index of a partitioned table prints as ON ONLY; without ONLY it is built on every partition.
                    String sql = rs.getString(2).replaceFirst(" ON ONLY ", " ON ");
                    post.add(new PostStatement(byMember.get(rs.getLong(1)).qualified(), Kind.INDEX, sql));
                }
            }
        }
        post.addAll(fks);
        for (String s : schemas) {
            pre.add("CREATE SCHEMA IF NOT EXISTS " + Quote.ident(s));
        }
        pre.addAll(types);
        pre.addAll(sequences);
        pre.addAll(tableDdl);
        pre.addAll(ownedBy);
        StringBuilder script = new StringBuilder();
        for (String s : pre) {
            script.append(s).append(";\n");
        }
        return new SchemaPlan("catalog", script.toString(), post, leaves, sequenceNames);
    }

    private static List<String> columnDefs(Connection c, long oid, Map<String, String> identityOptions)
            throws SQLException {
        List<String> defs = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
                        + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN"
                        + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                        + " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StringBuilder d = new StringBuilder(Quote.ident(rs.getString(2)) + " " + rs.getString(3));
                    if (rs.getString(8) != null) {
                        d.append(" COLLATE ").append(rs.getString(8));
                    }
                    String identity = rs.getString(6);
                    String generated = rs.getString(7);
                    if (!identity.isEmpty()) {
                        d.append(
                                        identity.equals("a")
                                                ? " GENERATED ALWAYS AS IDENTITY "
                                                : " GENERATED BY DEFAULT AS IDENTITY ")
                                .append(identityOptions.getOrDefault(oid + ":" + rs.getInt(1), ""));
                    } else if (!generated.isEmpty()) {
                        d.append(" GENERATED ALWAYS AS (")
                                .append(rs.getString(5))
                                .append(") STORED");
                    } else if (rs.getString(5) != null) {
                        d.append(" DEFAULT ").append(rs.getString(5));
                    }
                    if (rs.getBoolean(4)) {
                        d.append(" NOT NULL");
                    }
                    defs.add(d.toString());
                }
            }
        }
        return defs;
    }
}
