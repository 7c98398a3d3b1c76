package io.miglab.core.inventory;

import io.miglab.core.finding.Finding;
import java.time.Instant;
import java.util.List;

/**
 * What one database of a target held at one moment: the catalog as PostgreSQL describes it, with sizes and
 * statistics, and the findings drawn from it. Immutable and JSON-serialisable with {@link io.miglab.core.Json}, so a
 * snapshot is stored as an experiment artifact and read back for a diff.
 *
 * <p>Names are kept raw, exactly as the catalog spells them; use {@link Identifiers} to put one back into SQL.
 *
 * @param database the database the per-database sections describe
 * @param warnings sections that could not be read (a permission, a timeout) and why; the rest is still valid
 */
public record InventorySnapshot(
        Instant takenAt,
        String database,
        Server server,
        List<Setting> settings,
        List<Extension> extensions,
        List<Database> databases,
        List<Schema> schemas,
        List<Table> tables,
        List<Partition> partitions,
        List<Index> indexes,
        List<Constraint> constraints,
        List<Sequence> sequences,
        List<Trigger> triggers,
        List<View> views,
        List<Function> functions,
        List<LongTransaction> longTransactions,
        List<ReplicationSlot> replicationSlots,
        StatementStats statementStats,
        List<Finding> findings,
        List<String> warnings) {

    public InventorySnapshot {
        settings = List.copyOf(settings);
        extensions = List.copyOf(extensions);
        databases = List.copyOf(databases);
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        partitions = List.copyOf(partitions);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
        sequences = List.copyOf(sequences);
        triggers = List.copyOf(triggers);
        views = List.copyOf(views);
        functions = List.copyOf(functions);
        longTransactions = List.copyOf(longTransactions);
        replicationSlots = List.copyOf(replicationSlots);
        findings = findings.stream().sorted(Finding.ORDER).toList();
        warnings = List.copyOf(warnings);
    }

    /**
     * @param version {@code server_version} as the server spells it ({@code 15.20 (Debian ...)})
     * @param versionNumber {@code server_version_num}, for example 150020
     * @param statsReset when the statistics of this database were last reset: "unused" means unused since then
     */
    public record Server(
            String version,
            int versionNumber,
            String currentUser,
            boolean inRecovery,
            Instant startedAt,
            Instant statsReset) {}

    /**
     * A setting whose value does not come from the built-in default.
     *
     * @param source where the value comes from ({@code configuration file}, {@code command line}, ...)
     * @param sourceFile the file that set it, when the role may see it
     * @param pendingRestart the file holds a new value that needs a server restart to apply
     */
    public record Setting(
            String name,
            String value,
            String unit,
            String source,
            String sourceFile,
            boolean pendingRestart,
            String bootValue) {}

    /** An extension available on the server; {@code installedVersion} is null unless it is created in the database. */
    public record Extension(
            String name, String defaultVersion, String installedVersion, String schema, String comment) {
        public boolean installed() {
            return installedVersion != null;
        }
    }

    /** @param sizeBytes null when the role may not connect to it */
    public record Database(String name, Long sizeBytes, String encoding, String collation, boolean allowConnections) {}

    public record Schema(String name, String owner) {}

    /**
     * A table or partitioned table.
     *
     * @param kind {@code table} or {@code partitioned table}
     * @param estimatedRows the planner's estimate ({@code reltuples}); null when the table was never analysed
     * @param exactRows {@code count(*)}, only when exact counts were asked for
     * @param heapBytes the main fork; {@code toastBytes} the TOAST table with its index; {@code indexBytes} all indexes
     * @param bloatBytes estimated wasted space from the average row width in {@code pg_stats}; null without statistics
     * @param bloatRatio estimated wasted share of the heap pages in [0, 1]; null without statistics
     */
    public record Table(
            String schema,
            String name,
            String kind,
            boolean partition,
            Long estimatedRows,
            Long exactRows,
            long heapBytes,
            long toastBytes,
            long indexBytes,
            long totalBytes,
            Long liveTuples,
            Long deadTuples,
            Long bloatBytes,
            Double bloatRatio,
            Instant lastVacuum,
            Instant lastAutovacuum,
            Instant lastAnalyze,
            Instant lastAutoanalyze,
            Long seqScans,
            Long indexScans) {

        /** The exact count when there is one, else the estimate, else null. */
        public Long rows() {
            return exactRows != null ? exactRows : estimatedRows;
        }
    }

    /** A partition of a partitioned table, with its bound ({@code FOR VALUES FROM (...) TO (...)}). */
    public record Partition(String parentSchema, String parentName, String schema, String name, String bound) {}

    /**
     * An index and what the inventory concluded about it.
     *
     * @param keyColumns the key columns or expressions in order, without INCLUDE columns
     * @param predicate the WHERE clause of a partial index, else null
     * @param valid false for the leftover of a failed {@code CREATE INDEX CONCURRENTLY}: maintained on every write,
     *     never used by a query
     * @param backsConstraint it enforces a primary key, unique or exclusion constraint (or one refers to it)
     * @param scans index scans since the statistics were reset
     * @param unused no scans, and dropping it would not drop a constraint
     * @param duplicateOf another index with the same method, keys and predicate, which makes this one useless
     * @param redundantWith another btree index whose leading keys start with all of this one's keys
     */
    public record Index(
            String schema,
            String table,
            String name,
            String method,
            String definition,
            List<String> keyColumns,
            String predicate,
            boolean unique,
            boolean primary,
            boolean valid,
            boolean backsConstraint,
            long sizeBytes,
            Long scans,
            boolean unused,
            String duplicateOf,
            String redundantWith) {
        public Index {
            keyColumns = List.copyOf(keyColumns);
        }
    }

    /**
     * @param type {@code primary key}, {@code unique}, {@code foreign key}, {@code check}, {@code exclusion}, ...
     * @param validated false for a constraint added {@code NOT VALID}: new rows are checked, old ones never were
     */
    public record Constraint(
            String schema, String table, String name, String type, String definition, boolean validated) {
        public boolean notValid() {
            return !validated;
        }
    }

    /**
     * A sequence and how much of its range is used. The usable maximum is the lower of the sequence's own maximum
     * and the maximum of the column it feeds: a bigint sequence behind an integer column fails at 2^31 - 1.
     *
     * @param lastValue null when it was never used or the role may not read it
     * @param ownedBy the column it belongs to ({@code "s"."t"."id"}), else null
     * @param usableMax the lower of the two maximums
     * @param fractionUsed share of the range from the minimum to {@code usableMax} already used, null when unknown
     */
    public record Sequence(
            String schema,
            String name,
            String dataType,
            Long lastValue,
            long minValue,
            long maxValue,
            long increment,
            boolean cycle,
            String ownedBy,
            String columnType,
            long usableMax,
            Double fractionUsed) {}

    /** @param enabled {@code O} origin and local, {@code D} disabled, {@code R} replica, {@code A} always */
    public record Trigger(String schema, String table, String name, String enabled, String definition) {}

    /** A view, or a materialised view with its size. */
    public record View(String schema, String name, boolean materialized, Long sizeBytes) {}

    /** A function, procedure or aggregate outside the system schemas and not part of an extension. */
    public record Function(
            String schema, String name, String arguments, String kind, String language, String returns) {}

    /** A transaction open longer than the threshold; it holds back vacuum and may hold locks. */
    public record LongTransaction(
            int pid,
            String user,
            String database,
            String state,
            String applicationName,
            Instant transactionStart,
            double ageSeconds,
            String waitEvent,
            String query) {}

    /** @param retainedWalBytes WAL kept on disk for the slot; null on a standby */
    public record ReplicationSlot(
            String name, String plugin, String type, String database, boolean active, Long retainedWalBytes) {}

    /**
     * The top statements of pg_stat_statements, or why there are none.
     *
     * @param hint when not available: what is missing and how to enable it
     */
    public record StatementStats(boolean available, String hint, List<TopStatement> top) {
        public StatementStats {
            top = List.copyOf(top);
        }
    }

    /** One normalised statement from pg_stat_statements ({@code $1} stands for each constant). */
    public record TopStatement(
            long queryId,
            String query,
            long calls,
            double totalMs,
            double meanMs,
            long rows,
            long sharedBlocksHit,
            long sharedBlocksRead) {}
}
