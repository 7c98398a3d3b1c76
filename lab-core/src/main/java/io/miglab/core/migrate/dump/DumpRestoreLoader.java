package io.miglab.core.migrate.dump;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.migrate.LoadObserver;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoadRequest;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link LoaderKind#DUMP_CUSTOM} and {@link LoaderKind#DUMP_DIRECTORY} loaders: pg_dump into a temporary folder
 * (deleted afterwards), pg_restore with {@code -j workers} into the destination, then ANALYZE of each restored table
 * (pg_restore does not analyze). Phases {@code dump}, {@code restore}, {@code analyze}; the dump and the restore are
 * experiments of their own ({@link DumpRestore}).
 */
public final class DumpRestoreLoader {
    private final DumpRestore dumps;
    private final Function<String, TargetConnector> connectors;

    public DumpRestoreLoader(DumpRestore dumps, TargetRegistry targets) {
        this(dumps, targets::connector);
    }

    public DumpRestoreLoader(DumpRestore dumps, Function<String, TargetConnector> connectors) {
        this.dumps = dumps;
        this.connectors = connectors;
    }

    public LoadReport load(
            LoadRequest request, LoadObserver observer, ProgressListener progress, Cancellation cancellation) {
        LoaderSettings settings = request.settings();
        if (!settings.kind().external()) {
            throw new IllegalArgumentException(settings.kind().id() + " is not a pg_dump loader");
        }
        if (settings.asyncCommit()) {
            throw new MigLabException("pg_restore opens its own sessions: --async-commit does not apply to "
                    + settings.kind().id() + ".");
        }
        TargetConnector destination = connectors.apply(request.destination());
        DumpRestoreService.requireWritable(destination);
        String sourceDatabase = request.sourceDatabase() != null
                ? request.sourceDatabase()
                : connectors.apply(request.source()).defaultDatabase();
        String destinationDatabase =
                request.destinationDatabase() != null ? request.destinationDatabase() : sourceDatabase;
        boolean directory = settings.kind() == LoaderKind.DUMP_DIRECTORY;
        Path temp;
        try {
            temp = Files.createTempDirectory("miglab-load-");
        } catch (IOException e) {
            throw new MigLabException("Cannot create a temporary folder for the dump: " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        try {
            DumpRestore.Dump dump = dumps.dump(
                    new DumpRequest(
                            request.source(),
                            sourceDatabase,
                            temp.resolve(directory ? "dump.dir" : "dump.dump"),
                            directory ? DumpFormat.DIRECTORY : DumpFormat.CUSTOM,
                            directory ? settings.workers() : 1,
                            request.tables()),
                    new DumpRestore.TableListener() {
                        @Override
                        public void started(String table) {
                            observer.table(table, "dump", 0, -1);
                        }
                    },
                    progress,
                    cancellation);
            DumpRestore.Restore restore = dumps.restore(
                    new RestoreRequest(
                            Path.of(dump.path()),
                            request.destination(),
                            destinationDatabase,
                            settings.workers(),
                            true,
                            request.replace()),
                    new DumpRestore.TableListener() {
                        @Override
                        public void started(String table) {
                            observer.table(table, "copy", 0, -1);
                        }
                    },
                    progress,
                    cancellation);
            Map<String, Double> restoreSeconds = new LinkedHashMap<>();
            restore.tables().forEach(t -> restoreSeconds.merge(t.table(), t.seconds(), Double::sum));
            Map<String, Long> sourceBytes = new LinkedHashMap<>();
            dump.tables().forEach(t -> sourceBytes.put(t.table(), Math.max(0, t.bytes())));

            long analyzeStarted = System.nanoTime();
            List<LoadReport.TableLoad> loads = new ArrayList<>();
            try (Connection c = destination.openOrExplain(destinationDatabase)) {
                int i = 0;
                for (Map.Entry<String, String[]> table :
                        restoredTables(c, sourceBytes.keySet()).entrySet()) {
                    cancellation.checkpoint();
                    String name = table.getKey();
                    progress.report(Progress.of("ANALYZE " + name, i++, sourceBytes.size()));
                    long t0 = System.nanoTime();
                    long rows;
                    try (Statement st = c.createStatement()) {
                        st.execute("ANALYZE " + DumpRestoreService.quoteIdentifier(table.getValue()[0]) + "."
                                + DumpRestoreService.quoteIdentifier(table.getValue()[1]));
                        try (ResultSet rs = st.executeQuery("SELECT greatest(reltuples, 0)::bigint FROM pg_class"
                                + " WHERE oid = '"
                                + (DumpRestoreService.quoteIdentifier(table.getValue()[0]) + "."
                                                + DumpRestoreService.quoteIdentifier(table.getValue()[1]))
                                        .replace("'", "''")
                                + "'::regclass")) {
                            rows = rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                    double analyze = (System.nanoTime() - t0) / 1e9;
                    observer.table(name, "analyze", rows, rows);
                    loads.add(new LoadReport.TableLoad(
                            name,
                            rows,
                            sourceBytes.getOrDefault(name, 0L),
                            restoreSeconds.getOrDefault(name, 0.0),
                            0,
                            0,
                            analyze));
                }
            } catch (SQLException e) {
                throw new MigLabException(
                        "ANALYZE after the restore into " + destinationDatabase + " failed: " + e.getMessage(), e);
            }
            double analyzeSeconds = (System.nanoTime() - analyzeStarted) / 1e9;
            double seconds = (System.nanoTime() - started) / 1e9;
            return new LoadReport(
                    request.source(),
                    request.destination(),
                    destinationDatabase,
                    restore.serverVersion(),
                    settings,
                    "pg_dump",
                    loads,
                    List.of(
                            new LoadReport.PhaseTime("dump", dump.seconds()),
                            new LoadReport.PhaseTime("restore", restore.seconds()),
                            new LoadReport.PhaseTime("analyze", analyzeSeconds)),
                    loads.stream().mapToLong(LoadReport.TableLoad::rows).sum(),
                    loads.stream().mapToLong(LoadReport.TableLoad::bytes).sum(),
                    seconds,
                    null,
                    null);
        } finally {
            DumpRestoreService.deleteQuietly(temp);
        }
    }

    /** The restored tables by the name the verbose output used, with their schema and name apart for quoting. */
    private static Map<String, String[]> restoredTables(Connection c, java.util.Set<String> names) throws SQLException {
        Map<String, String[]> found = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON"
                        + " n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN"
                        + " ('pg_catalog', 'information_schema') ORDER BY 1, 2")) {
            while (rs.next()) {
                String key = rs.getString(1) + "." + rs.getString(2);
                if (names.contains(key)) {
                    found.put(key, new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return found;
    }
}
