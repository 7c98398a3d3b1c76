package io.miglab.core.migrate;

import java.util.List;

/**
 * The destination's DDL, split where loading needs it split: what must exist before the rows (types, sequences,
 * tables), and what is better built once over loaded tables (indexes, keys, checks) and what can only come after
 * them (foreign keys, which check every row against the referenced table).
 *
 * @param from {@code pg_dump} or {@code catalog}
 * @param preData a psql-compatible script run before the copy
 * @param post every post-data statement in the order it must run, each tagged with its table (qualified
 *     {@code schema.table} of the table loaded, or null) and kind
 * @param leaves the tables (partitions included) that hold rows, quoted, for SET UNLOGGED / SET LOGGED
 * @param sequences the sequences whose value is copied from the source after the load, quoted
 */
record SchemaPlan(String from, String preData, List<PostStatement> post, List<String> leaves, List<String> sequences) {

    enum Kind {
        INDEX,
        CONSTRAINT,
        FOREIGN_KEY,
        OTHER
    }

    /**
     * @param locks the relations the statement locks against each other's DDL (a foreign key: its table and the
     *     referenced one), as the plan names them; empty when not known
     */
    record PostStatement(String table, Kind kind, String sql, java.util.Set<String> locks) {
        PostStatement(String table, Kind kind, String sql) {
            this(table, kind, sql, java.util.Set.of());
        }
    }

    List<PostStatement> of(Kind kind) {
        return post.stream().filter(p -> p.kind() == kind).toList();
    }

    List<PostStatement> except(Kind kind) {
        return post.stream().filter(p -> p.kind() != kind).toList();
    }
}
