package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import java.util.List;

/**
 * One btree index to build, drop or compare: a candidate of the advisor or a statement of a reference file.
 *
 * @param schema the table's schema (never null)
 * @param table the table's name, raw as the catalog spells it
 * @param name the index's name, raw
 * @param columns key columns as SQL ({@code inventory_id}, {@code rental_date DESC}), in order
 * @param include INCLUDE columns, raw names; empty for none
 * @param createSql the plain {@code CREATE INDEX ...} statement (no CONCURRENTLY, no IF NOT EXISTS)
 */
public record IndexSpec(
        String schema, String table, String name, List<String> columns, List<String> include, String createSql) {
    public IndexSpec {
        if (table == null || table.isBlank() || name == null || name.isBlank()) {
            throw new MigLabException("An index needs its table and its name.");
        }
        schema = schema == null || schema.isBlank() ? "public" : schema;
        columns = List.copyOf(columns);
        include = include == null ? List.of() : List.copyOf(include);
        if (createSql == null || createSql.isBlank()) {
            throw new MigLabException("Index " + name + " needs its CREATE INDEX statement.");
        }
    }

    /** {@code schema.name}, quoted where needed. */
    public String qualifiedName() {
        return IndexSql.qualified(schema, name);
    }

    /** {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS ...}: what apply runs. */
    public String createConcurrentlySql() {
        return IndexSql.withPrefix(createSql, "CONCURRENTLY IF NOT EXISTS");
    }

    /** {@code CREATE INDEX IF NOT EXISTS ...}: the B side's setup of an A/B round. */
    public String createIfNotExistsSql() {
        return IndexSql.withPrefix(createSql, "IF NOT EXISTS");
    }

    /** {@code DROP INDEX IF EXISTS schema.name}: the A side's setup of an A/B round. */
    public String dropIfExistsSql() {
        return "DROP INDEX IF EXISTS " + qualifiedName();
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS schema.name}: what undo runs. */
    public String dropConcurrentlySql() {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName();
    }
}
