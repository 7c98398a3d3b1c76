package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import java.util.ArrayList;
import java.util.List;

/**
 * One loader variant: the loader and the settings that change how it writes.
 *
 * @param workers parallel workers (connections, or pg_dump/pg_restore {@code -j}); 1 for the serial loaders
 * @param batchSize rows per batch or per multi-row INSERT; ignored by the others
 * @param dropIndexes drop secondary indexes and constraints before loading, rebuild them after
 * @param unlogged create the tables UNLOGGED, SET LOGGED after loading
 * @param asyncCommit {@code synchronous_commit = off} in the loading sessions
 * @param freeze COPY FREEZE into tables created in the same transaction (COPY loaders only)
 */
public record LoaderSettings(
        LoaderKind kind,
        int workers,
        int batchSize,
        boolean dropIndexes,
        boolean unlogged,
        boolean asyncCommit,
        boolean freeze) {
    public static final int MAX_WORKERS = 64;
    public static final int MAX_BATCH = 100_000;
    public static final int DEFAULT_BATCH = 1_000;

    public LoaderSettings {
        if (kind == null) {
            throw new MigLabException("Choose a loader.");
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new MigLabException("Workers must be between 1 and " + MAX_WORKERS + ", not " + workers + ".");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new MigLabException("The batch size must be between 1 and " + MAX_BATCH + ", not " + batchSize + ".");
        }
        if (workers > 1 && !kind.parallel()) {
            throw new MigLabException("The " + kind.id() + " loader runs on one connection; workers apply to "
                    + LoaderKind.COPY_PARALLEL.id() + ", " + LoaderKind.DUMP_CUSTOM.id() + " and "
                    + LoaderKind.DUMP_DIRECTORY.id() + ".");
        }
        if (freeze
                && !(kind == LoaderKind.COPY_TEXT
                        || kind == LoaderKind.COPY_BINARY
                        || kind == LoaderKind.COPY_PARALLEL)) {
            throw new MigLabException("COPY FREEZE applies to the COPY loaders only, not " + kind.id() + ".");
        }
        if (kind.external() && (unlogged || freeze)) {
            throw new MigLabException(
                    "pg_restore creates the tables itself: --unlogged and --freeze do not apply to " + kind.id() + ".");
        }
    }

    public static LoaderSettings of(LoaderKind kind) {
        return new LoaderSettings(kind, 1, DEFAULT_BATCH, false, false, false, false);
    }

    public LoaderSettings withWorkers(int n) {
        return new LoaderSettings(kind, n, batchSize, dropIndexes, unlogged, asyncCommit, freeze);
    }

    public LoaderSettings withBatchSize(int n) {
        return new LoaderSettings(kind, workers, n, dropIndexes, unlogged, asyncCommit, freeze);
    }

    public LoaderSettings withDropIndexes(boolean on) {
        return new LoaderSettings(kind, workers, batchSize, on, unlogged, asyncCommit, freeze);
    }

    /** A short name for tables and charts: {@code copy-parallel x4, indexes after}, {@code copy, unlogged}. */
    public String label() {
        StringBuilder name = new StringBuilder(kind.id());
        if (kind.parallel()) {
            name.append(" x").append(workers);
        }
        if (kind.batched()) {
            name.append(" batch ").append(batchSize);
        }
        List<String> options = new ArrayList<>();
        if (dropIndexes) {
            options.add("indexes after");
        }
        if (unlogged) {
            options.add("unlogged");
        }
        if (asyncCommit) {
            options.add("async commit");
        }
        if (freeze) {
            options.add("freeze");
        }
        options.forEach(o -> name.append(", ").append(o));
        return name.toString();
    }
}
