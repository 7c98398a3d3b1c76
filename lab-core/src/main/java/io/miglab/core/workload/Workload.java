package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of statements to measure: from a file, a playbook, or the top of pg_stat_statements.
 *
 * @param name for titles: the file name, the playbook step
 */
public record Workload(String name, List<WorkloadStatement> statements) {

    public Workload {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new MigLabException("Workload " + name + " has no statements.");
        }
        Set<String> seen = new HashSet<>();
        for (WorkloadStatement s : statements) {
            if (!seen.add(s.name())) {
                throw new MigLabException("Workload " + name + " names two statements " + s.name() + ".");
            }
        }
    }

    /** A workload is read whole; a file larger than this is not a workload. */
    public static final long MAX_FILE_BYTES = TextFiles.DEFAULT_MAX_BYTES;

    /** Reads a workload file (UTF-8, at most {@link #MAX_FILE_BYTES}): see {@link WorkloadParser} for the format. */
    public static Workload read(Path file) {
        String text = TextFiles.read(file, MAX_FILE_BYTES, "the workload file");
        return WorkloadParser.parse(file.getFileName().toString(), text);
    }

    public static Workload parse(String sourceName, String text) {
        return WorkloadParser.parse(sourceName, text);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d+");

    /**
     * The statements of pg_stat_statements that can run as they are, heaviest first, weighted by their share of
     * calls. Normalised statements with {@code $1} placeholders are left out: pg_stat_statements keeps no values
     * for them, so they cannot be replayed faithfully.
     */
    public static Workload fromTopStatements(String name, List<TopStatement> top, int limit) {
        List<TopStatement> runnable = top.stream()
                .filter(t -> !PLACEHOLDER.matcher(t.query()).find())
                .limit(limit)
                .toList();
        if (runnable.isEmpty()) {
            throw new MigLabException(
                    "None of the top statements of pg_stat_statements can be replayed: they all take parameters.",
                    "Write the statements with sample values in a workload file instead.",
                    null);
        }
        long minCalls = runnable.stream()
                .mapToLong(TopStatement::calls)
                .filter(c -> c > 0)
                .min()
                .orElse(1);
        List<WorkloadStatement> statements = new ArrayList<>();
        for (TopStatement t : runnable) {
            int weight = (int) Math.max(1, Math.min(100, Math.round((double) t.calls() / minCalls)));
            String sql = t.query().strip();
            if (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1);
            }
            statements.add(new WorkloadStatement("q" + Long.toUnsignedString(t.queryId(), 36), sql, weight, List.of()));
        }
        return new Workload(name, statements);
    }
}
