package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import io.miglab.core.sql.Classification;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.StatementClassifier;
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

    /** A statement of pg_stat_statements that was not replayed, and why. */
    public record Skipped(long queryId, String query, String reason) {}

    /** What a replay of pg_stat_statements will run, and what it left out. */
    public record Replay(Workload workload, List<Skipped> skipped) {
        public Replay {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The statements of pg_stat_statements that can run as they are, heaviest first, weighted by their share of
     * calls. Only reads are replayed, on every target, lab or guarded: the statistics hold whatever ran on the
     * server, DELETE and TRUNCATE and VACUUM FULL included, and a replay must never repeat those. Normalised
     * statements with {@code $1} placeholders are left out too: pg_stat_statements keeps no values for them. Each
     * statement left out is named with the reason.
     */
    public static Replay fromTopStatements(String name, List<TopStatement> top, int limit) {
        List<TopStatement> runnable = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (TopStatement t : top) {
            String query = t.query() == null ? "" : t.query().strip();
            String reason = replayProblem(query);
            if (reason != null) {
                skipped.add(new Skipped(t.queryId(), label(query), reason));
            } else if (runnable.size() < limit) {
                runnable.add(t);
            }
        }
        if (runnable.isEmpty()) {
            throw new MigLabException(
                    "None of the top statements of pg_stat_statements can be replayed: "
                            + (skipped.isEmpty()
                                    ? "there are none."
                                    : "MigLab replays only reads without parameters (" + skipped.size()
                                            + " skipped, the first: "
                                            + skipped.get(0).reason() + ")."),
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
            String sql = SqlStatements.single(t.query(), "A replayed statement").text();
            statements.add(new WorkloadStatement("q" + Long.toUnsignedString(t.queryId(), 36), sql, weight, List.of()));
        }
        return new Replay(new Workload(name, statements), skipped);
    }

    /** The statement's first line for messages, leading comments (an extension script's header) skipped. */
    private static String label(String query) {
        try {
            List<SqlStatement> parts = SqlStatements.split(query);
            return parts.isEmpty()
                    ? SqlStatement.abbreviate(query)
                    : parts.get(0).firstLine();
        } catch (SqlSyntaxException e) {
            return SqlStatement.abbreviate(query);
        }
    }

    /** Why a statement from the server may not be replayed, or null when it may. */
    private static String replayProblem(String query) {
        if (PLACEHOLDER.matcher(query).find()) {
            return "it takes parameters ($1 ...) whose values pg_stat_statements does not keep";
        }
        List<SqlStatement> parts;
        try {
            parts = SqlStatements.split(query);
        } catch (SqlSyntaxException e) {
            return "MigLab cannot read it: " + e.getMessage();
        }
        if (parts.size() != 1) {
            return parts.isEmpty() ? "it is empty" : "it holds " + parts.size() + " statements";
        }
        Classification c = StatementClassifier.classify(parts.get(0));
        return c.reads() ? null : "it is not a read: " + c.reason();
    }
}
