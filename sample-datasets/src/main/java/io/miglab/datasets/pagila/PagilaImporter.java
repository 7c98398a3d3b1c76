package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptResult;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Imports the official Pagila release (the {@code pagila-schema.sql} and {@code pagila-data.sql} files of
 * github.com/devrimgunduz/pagila) from a folder, through the psql-compatible {@link ScriptRunner}, so learners start from
 * exactly the data the tutorials describe.
 *
 * <p>The import runs into a staging database of its own ({@code NAME_loading_<run id>}, marked as MigLab's) and is
 * renamed to {@code NAME} only when both scripts succeeded and the tables were analysed; a failed or cancelled import
 * drops it (see {@link StagedDatabase}). An existing {@code NAME} is never touched unless {@code replace} is set.
 */
public final class PagilaImporter {
    public static final String SCHEMA_FILE = "pagila-schema.sql";
    public static final String DATA_FILE = "pagila-data.sql";
    public static final String DEFAULT_DATABASE = "pagila";

    private final ConnectionFactory connections;
    private final Long experimentId;

    public PagilaImporter(ConnectionFactory connections) {
        this(connections, null);
    }

    private PagilaImporter(ConnectionFactory connections, Long experimentId) {
        this.connections = connections;
        this.experimentId = experimentId;
    }

    /** The same importer, naming {@code experimentId} in the staging database's marker. */
    public PagilaImporter forExperiment(long experimentId) {
        return new PagilaImporter(connections, experimentId);
    }

    /**
     * Creates {@code database} on the target and loads Pagila from {@code folder}. Progress is in bytes of the two
     * files.
     */
    public PagilaImport importFrom(
            Path folder, String database, boolean replace, ProgressListener progress, Cancellation cancellation) {
        Path schema = folder.resolve(SCHEMA_FILE);
        Path data = folder.resolve(DATA_FILE);
        for (Path file : List.of(schema, data)) {
            if (!Files.isRegularFile(file)) {
                throw new MigLabException(
                        "No " + file.getFileName() + " in " + folder.toAbsolutePath() + ".",
                        "Download the Pagila release from https://github.com/devrimgunduz/pagila and point at the folder"
                                + " holding pagila-schema.sql and pagila-data.sql.",
                        null);
            }
        }
        cancellation.checkpoint();
        long started = System.nanoTime();
        StagedDatabase staged = StagedDatabase.begin(connections, database, replace, experimentId);
        try {
            ScriptResult result = new ScriptRunner(connections)
                    .run(
                            List.of(schema, data),
                            ScriptOptions.defaults().withDatabase(staged.loadingName()),
                            progress,
                            cancellation);
            progress.report(Progress.indeterminate("Analysing " + database));
            Map<String, Long> counts;
            Map<String, Duration> times;
            try (Connection connection = connections.open(staged.loadingName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE");
                }
                counts = TableCounts.of(connection);
                times = timesPerTable(connection, result.copies());
            }
            cancellation.checkpoint();
            staged.complete();
            return new PagilaImport(
                    database,
                    counts,
                    times,
                    result.statements(),
                    result.rowsCopied(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            staged.abort();
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            throw new MigLabException("Importing Pagila into \"" + database + "\" failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            staged.abort();
            throw e;
        }
    }

    /**
     * The COPY times per table, as TableCounts counts rows: by table name without its schema, a partition's time
     * added to its parent's.
     */
    static Map<String, Duration> timesPerTable(Connection connection, List<ScriptResult.Copy> copies)
            throws SQLException {
        Map<String, String> parents = new java.util.HashMap<>();
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SELECT c.relname, p.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent")) {
            while (rs.next()) {
                parents.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Duration> times = new java.util.LinkedHashMap<>();
        for (ScriptResult.Copy copy : copies) {
            String table = unqualified(copy.table());
            for (int depth = 0; parents.containsKey(table) && depth < 10; depth++) {
                table = parents.get(table);
            }
            times.merge(table, copy.elapsed(), Duration::plus);
        }
        return times;
    }

    /** {@code public.actor} as {@code actor}, {@code "Odd"."Name"} as {@code Name}. */
    static String unqualified(String name) {
        String last = name;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                start = i + 1;
            }
        }
        last = name.substring(start);
        return last.startsWith("\"") && last.endsWith("\"") && last.length() >= 2
                ? last.substring(1, last.length() - 1).replace("\"\"", "\"")
                : last.toLowerCase(java.util.Locale.ROOT);
    }
}
