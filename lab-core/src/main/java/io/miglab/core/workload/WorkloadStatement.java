package io.miglab.core.workload;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One named statement of a workload.
 *
 * @param name unique in its workload; letters, digits, {@code _ . -} (it becomes a measurement name and a CSV field)
 * @param sql one SQL statement; {@code ?} marks a parameter
 * @param weight how many times it runs per pass of the workload, relative to the others
 * @param parameterSets values for the {@code ?} markers, one set per execution in turn; empty when it has none.
 *     Values are sent untyped, so PostgreSQL infers each type from the statement as it does for a literal.
 */
public record WorkloadStatement(String name, String sql, int weight, List<List<String>> parameterSets) {
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");

    public WorkloadStatement {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A statement name holds letters, digits, '_', '.' or '-': " + name);
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("Statement " + name + " has no SQL");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("The weight of " + name + " must be 1 or more");
        }
        parameterSets = parameterSets.stream().map(List::copyOf).toList();
    }

    public static WorkloadStatement of(String name, String sql) {
        return new WorkloadStatement(name, sql, 1, List.of());
    }
}
