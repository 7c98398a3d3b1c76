package io.miglab.core.validate;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import java.util.Arrays;
import java.util.List;

/**
 * What to compare: the tables of one database on the {@code source} target with the same tables on {@code target}
 * (the destination), the one input of {@link Validations#validate}.
 *
 * @param sourceDatabase a database on the source's server, or null for the source's own
 * @param targetDatabase a database on the destination's server, or null for the same name as the source's
 * @param tables {@code table} or {@code schema.table}; empty for every table of the source
 * @param columns the columns hashed besides the key; empty for every column both sides have
 * @param filter a condition (SQL, without WHERE) applied to both sides, or null
 */
public record ValidationRequest(
        String source,
        String target,
        String sourceDatabase,
        String targetDatabase,
        List<String> tables,
        List<String> columns,
        String filter) {

    public ValidationRequest {
        if (source == null || source.isBlank()) {
            throw new MigLabException("Choose the source target to validate against.");
        }
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the destination target to validate.");
        }
        source = source.strip();
        target = target.strip();
        sourceDatabase = blankToNull(sourceDatabase);
        targetDatabase = blankToNull(targetDatabase);
        if (targetDatabase == null) {
            targetDatabase = sourceDatabase;
        }
        if (source.equals(target) && java.util.Objects.equals(sourceDatabase, targetDatabase)) {
            throw new MigLabException("The source and the destination are the same database: choose another"
                    + " destination target or database.");
        }
        tables = clean(tables, "table");
        columns = clean(columns, "column");
        filter = blankToNull(filter);
        if (filter != null && filter.contains(";")) {
            throw new MigLabException("The filter is one condition, without ';'.");
        }
    }

    /** {@code source}, {@code target}, optionally {@code database}, {@code target-database}, {@code tables}, {@code columns} (comma-separated), {@code filter}. */
    public static ValidationRequest fromParameters(Parameters p) {
        p.allowOnly("source", "target", "database", "target-database", "tables", "columns", "filter");
        return new ValidationRequest(
                p.required("source"),
                p.required("target"),
                p.optional("database"),
                p.optional("target-database"),
                split(p.optional("tables")),
                split(p.optional("columns")),
                p.optional("filter"));
    }

    /** "a, b,c" as [a, b, c]; null as empty; an empty element stays, for the record to refuse. */
    public static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",", -1)).map(String::strip).toList(); // "a,,b" is refused, not guessed
    }

    private static List<String> clean(List<String> names, String what) {
        if (names == null) {
            return List.of();
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new MigLabException("A " + what + " name is empty.");
            }
        }
        return names.stream().map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
