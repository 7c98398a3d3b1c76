package io.miglab.core.inventory;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.finding.Finding;
import io.miglab.core.inventory.InventorySnapshot.Constraint;
import io.miglab.core.inventory.InventorySnapshot.Database;
import io.miglab.core.inventory.InventorySnapshot.Extension;
import io.miglab.core.inventory.InventorySnapshot.Function;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.LongTransaction;
import io.miglab.core.inventory.InventorySnapshot.Partition;
import io.miglab.core.inventory.InventorySnapshot.ReplicationSlot;
import io.miglab.core.inventory.InventorySnapshot.Schema;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Server;
import io.miglab.core.inventory.InventorySnapshot.Setting;
import io.miglab.core.inventory.InventorySnapshot.StatementStats;
import io.miglab.core.inventory.InventorySnapshot.Table;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import io.miglab.core.inventory.InventorySnapshot.Trigger;
import io.miglab.core.inventory.InventorySnapshot.View;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.PgVersion;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes an {@link InventorySnapshot} of one database. Every query is a read: the whole collection runs in one
 * {@code READ ONLY} transaction, so it works on a guarded target and cannot change anything even by mistake. Each
 * section runs under a savepoint: one that fails (a permission, a timeout) is listed in the snapshot's warnings and
 * the rest still arrives.
 */
public final class InventoryCollector {
    /** Schemas that belong to PostgreSQL itself, as a condition on {@code n.nspname}. */
    static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'";

    private static final int SECTIONS = 17;

    private final ConnectionFactory factory;
    private final Clock clock;

    public InventoryCollector(ConnectionFactory factory) {
        this(factory, Clock.systemUTC());
    }

    InventoryCollector(ConnectionFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /**
     * Collects a snapshot of {@code database} (the target's own database when null) on a new connection.
     *
     * @throws CancelledException when cancelled
     * @throws MigLabException when the server cannot be reached or is older than PostgreSQL 11
     */
    public InventorySnapshot collect(
            String database, InventoryOptions options, Cancellation cancellation, ProgressListener progress) {
        try (Connection connection = factory.open(database)) {
            return collect(connection, options, cancellation, progress, clock);
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot connect to database " + (database == null ? factory.defaultDatabase() : database)
                            + " for the inventory: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Collects a snapshot on a connection the caller owns. The connection's auto-commit and read-only flags are
     * restored afterwards.
     */
    public static InventorySnapshot collectOn(
            Connection connection, InventoryOptions options, Cancellation cancellation, ProgressListener progress) {
        return collect(connection, options, cancellation, progress, Clock.systemUTC());
    }

    private static InventorySnapshot collect(
            Connection connection,
            InventoryOptions options,
            Cancellation cancellation,
            ProgressListener progress,
            Clock clock) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (Statement st = connection.createStatement()) {
                    // SET LOCAL is not a write: it is allowed in a read-only transaction and ends with it.
                    st.execute("SET LOCAL statement_timeout = "
                            + options.statementTimeout().toMillis());
                }
                Run run = new Run(connection, options, cancellation, progress);
                return run.collect(clock.instant());
            } finally {
                connection.rollback();
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            throw new MigLabException("The inventory failed: " + e.getMessage(), e);
        }
    }

    /** One collection: the connection, its options, and the warnings gathered so far. */
    private static final class Run {
        private final Connection connection;
        private final InventoryOptions options;
        private final Cancellation cancellation;
        private final ProgressListener progress;
        private final List<String> warnings = new ArrayList<>();
        private int step;

        Run(Connection connection, InventoryOptions options, Cancellation cancellation, ProgressListener progress) {
            this.connection = connection;
            this.options = options;
            this.cancellation = cancellation;
            this.progress = progress;
        }

        InventorySnapshot collect(Instant takenAt) throws SQLException {
            PgVersion version = PgVersion.of(connection);
            if (!version.atLeast(11)) {
                throw new MigLabException(
                        "The inventory needs PostgreSQL 11 or newer; this server is " + version + ".");
            }
            String database = single("SELECT current_database()", rs -> rs.getString(1));
            Server server = section("server", null, this::server);
            List<Setting> settings = section("settings", List.of(), this::settings);
            List<Extension> extensions = section("extensions", List.of(), this::extensions);
            List<Database> databases = section("databases", List.of(), this::databases);
            List<Schema> schemas = section("schemas", List.of(), this::schemas);
            List<Table> estimatedTables = section("tables", List.of(), this::tables);
            List<Table> tables = options.exactRowCounts() ? exactCounts(estimatedTables) : estimatedTables;
            List<Partition> partitions = section("partitions", List.of(), this::partitions);
            List<Index> indexes = section("indexes", List.of(), this::indexes);
            List<Constraint> constraints = section("constraints", List.of(), this::constraints);
            List<Sequence> sequences = section("sequences", List.of(), this::sequences);
            List<Trigger> triggers = section("triggers", List.of(), this::triggers);
            List<View> views = section("views", List.of(), this::views);
            List<Function> functions = section("functions", List.of(), this::functions);
            List<LongTransaction> longTransactions = section("long transactions", List.of(), this::longTransactions);
            List<ReplicationSlot> slots = section("replication slots", List.of(), this::replicationSlots);
            StatementStats statements = section(
                    "pg_stat_statements",
                    new StatementStats(false, "pg_stat_statements could not be read.", List.of()),
                    this::statements);
            progress.report(Progress.of("Inventory complete", SECTIONS, SECTIONS));
            InventorySnapshot bare = new InventorySnapshot(
                    takenAt,
                    database,
                    server,
                    settings,
                    extensions,
                    databases,
                    schemas,
                    tables,
                    partitions,
                    indexes,
                    constraints,
                    sequences,
                    triggers,
                    views,
                    functions,
                    longTransactions,
                    slots,
                    statements,
                    List.of(),
                    warnings);
            return withFindings(bare, Findings.of(bare, options));
        }

        // ---- sections ---------------------------------------------------------------------------------------

        private Server server() throws SQLException {
            return single(
                    "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                            + " current_user, pg_is_in_recovery(), pg_postmaster_start_time(),"
                            + " (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database())",
                    rs -> new Server(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getBoolean(4),
                            instant(rs, 5),
                            instant(rs, 6)));
        }

        private List<Setting> settings() throws SQLException {
            // Values set by the client or the session describe this connection, not the server: left out.
            return list(
                    "SELECT name, setting, unit, source, sourcefile, pending_restart, boot_val FROM pg_settings"
                            + " WHERE source NOT IN ('default', 'override', 'client', 'session') ORDER BY name",
                    rs -> new Setting(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBoolean(6),
                            rs.getString(7)));
        }

        private List<Extension> extensions() throws SQLException {
            return list(
                    "SELECT a.name, a.default_version, e.extversion, n.nspname, a.comment"
                            + " FROM pg_available_extensions a"
                            + " LEFT JOIN pg_extension e ON e.extname = a.name"
                            + " LEFT JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY a.name",
                    rs -> new Extension(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }

        private List<Database> databases() throws SQLException {
            return list(
                    "SELECT d.datname,"
                            + " CASE WHEN has_database_privilege(d.oid, 'CONNECT') THEN pg_database_size(d.oid) END,"
                            + " pg_encoding_to_char(d.encoding), d.datcollate, d.datallowconn"
                            + " FROM pg_database d WHERE NOT d.datistemplate ORDER BY d.datname",
                    rs -> new Database(
                            rs.getString(1), nullableLong(rs, 2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
        }

        private List<Schema> schemas() throws SQLException {
            return list(
                    "SELECT n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE " + USER_SCHEMAS
                            + " ORDER BY n.nspname",
                    rs -> new Schema(rs.getString(1), rs.getString(2)));
        }

        private List<Table> tables() throws SQLException {
            // pg_stats is aggregated once (not per table): a production catalog may hold thousands of tables.
            String sql = "WITH widths AS (SELECT schemaname, tablename, sum(avg_width) AS width, count(*) AS n"
                    + "   FROM pg_stats WHERE NOT inherited GROUP BY schemaname, tablename)"
                    + " SELECT n.nspname, c.relname, c.relkind::text, c.relispartition, c.reltuples::float8,"
                    + " c.relpages, pg_relation_size(c.oid),"
                    + " COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0),"
                    + " pg_indexes_size(c.oid), pg_total_relation_size(c.oid),"
                    + " s.n_live_tup, s.n_dead_tup, s.last_vacuum, s.last_autovacuum, s.last_analyze,"
                    + " s.last_autoanalyze, s.seq_scan, s.idx_scan, current_setting('block_size')::int,"
                    + " COALESCE((SELECT substring(o FROM '^fillfactor=(\\d+)$')::int FROM unnest(c.reloptions) o"
                    + "   WHERE o LIKE 'fillfactor=%'), 100),"
                    + " w.width, COALESCE(w.n, 0),"
                    + " (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                    + "   AND NOT a.attisdropped)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid"
                    + " LEFT JOIN widths w ON w.schemaname = n.nspname AND w.tablename = c.relname"
                    + " WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname";
            return list(sql, rs -> {
                String kind = "p".equals(rs.getString(3)) ? "partitioned table" : "table";
                double reltuples = rs.getDouble(5);
                Long estimated = reltuples < 0 || (reltuples == 0 && rs.getLong(6) == 0 && !analysed(rs))
                        ? null
                        : Math.round(reltuples);
                long relpages = rs.getLong(6);
                int blockSize = rs.getInt(19);
                int fillfactor = rs.getInt(20);
                Long dataWidth = nullableLong(rs, 21);
                long statsColumns = rs.getLong(22);
                long columns = rs.getLong(23);
                Long bloatBytes = null;
                Double bloatRatio = null;
                if ("table".equals(kind)
                        && dataWidth != null
                        && statsColumns >= columns
                        && relpages > 0
                        && estimated != null) {
                    long[] bloat = Bloat.estimate(estimated, relpages, dataWidth, blockSize, fillfactor);
                    bloatBytes = bloat[0];
                    bloatRatio = (double) bloat[1] / relpages;
                }
                return new Table(
                        rs.getString(1),
                        rs.getString(2),
                        kind,
                        rs.getBoolean(4),
                        estimated,
                        null,
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        nullableLong(rs, 11),
                        nullableLong(rs, 12),
                        bloatBytes,
                        bloatRatio,
                        instant(rs, 13),
                        instant(rs, 14),
                        instant(rs, 15),
                        instant(rs, 16),
                        nullableLong(rs, 17),
                        nullableLong(rs, 18));
            });
        }

        private static boolean analysed(ResultSet rs) throws SQLException {
            return rs.getTimestamp(15) != null || rs.getTimestamp(16) != null;
        }

        /** Counts each table under its own savepoint: one too large for the statement timeout keeps its estimate. */
        private List<Table> exactCounts(List<Table> tables) throws SQLException {
            List<Table> counted = new ArrayList<>(tables.size());
            for (Table t : tables) {
                String name = Identifiers.qualified(t.schema(), t.name());
                Long count = section(
                        "exact row count of " + name,
                        null,
                        () -> single("SELECT count(*) FROM " + name, rs -> rs.getLong(1)));
                step--;
                counted.add(new Table(
                        t.schema(),
                        t.name(),
                        t.kind(),
                        t.partition(),
                        t.estimatedRows(),
                        count,
                        t.heapBytes(),
                        t.toastBytes(),
                        t.indexBytes(),
                        t.totalBytes(),
                        t.liveTuples(),
                        t.deadTuples(),
                        t.bloatBytes(),
                        t.bloatRatio(),
                        t.lastVacuum(),
                        t.lastAutovacuum(),
                        t.lastAnalyze(),
                        t.lastAutoanalyze(),
                        t.seqScans(),
                        t.indexScans()));
            }
            return counted;
        }

        private List<Partition> partitions() throws SQLException {
            return list(
                    "SELECT pn.nspname, p.relname, n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid)"
                            + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                            + " WHERE c.relispartition AND c.relkind IN ('r', 'p', 'f') AND " + USER_SCHEMAS
                            + " ORDER BY pn.nspname, p.relname, n.nspname, c.relname",
                    rs -> new Partition(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }

        private List<Index> indexes() throws SQLException {
            List<IndexAnalysis.Raw> raw = list(
                    "SELECT n.nspname, t.relname, ic.relname, am.amname, pg_get_indexdef(i.indexrelid),"
                            + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)"
                            + "   FROM generate_series(1, i.indnkeyatts) k ORDER BY k),"
                            + " pg_get_expr(i.indpred, i.indrelid, true), i.indisunique, i.indisprimary,"
                            + " i.indisvalid AND i.indisready,"
                            + " EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid),"
                            + " pg_relation_size(i.indexrelid), s.idx_scan,"
                            + " ARRAY(SELECT x::text FROM unnest(i.indclass::oid[]) x),"
                            + " ARRAY(SELECT x::text FROM unnest(i.indcollation::oid[]) x)"
                            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                            + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                            + " JOIN pg_am am ON am.oid = ic.relam"
                            + " LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = i.indexrelid"
                            + " WHERE " + USER_SCHEMAS + " ORDER BY n.nspname, t.relname, ic.relname",
                    rs -> new IndexAnalysis.Raw(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            strings(rs.getArray(6)),
                            rs.getString(7),
                            rs.getBoolean(8),
                            rs.getBoolean(9),
                            rs.getBoolean(10),
                            rs.getBoolean(11),
                            rs.getLong(12),
                            nullableLong(rs, 13),
                            strings(rs.getArray(14)),
                            strings(rs.getArray(15))));
            return IndexAnalysis.analyse(raw);
        }

        private List<Constraint> constraints() throws SQLException {
            return list(
                    "SELECT n.nspname, t.relname, co.conname, co.contype::text, pg_get_constraintdef(co.oid, true),"
                            + " co.convalidated FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid"
                            + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE co.conrelid <> 0 AND "
                            + USER_SCHEMAS + " ORDER BY n.nspname, t.relname, co.conname",
                    rs -> new Constraint(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            constraintType(rs.getString(4)),
                            rs.getString(5),
                            rs.getBoolean(6)));
        }

        private List<Sequence> sequences() throws SQLException {
            return list(
                    "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL),"
                            + " CASE WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE')"
                            + "   THEN pg_sequence_last_value(c.oid) END,"
                            + " s.seqmin, s.seqmax, s.seqincrement, s.seqcycle,"
                            + " tn.nspname, t.relname, a.attname, format_type(a.atttypid, NULL)"
                            + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                            + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                            + " LEFT JOIN pg_class t ON t.oid = d.refobjid"
                            + " LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                            + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                            + " WHERE " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname",
                    rs -> {
                        Long last = nullableLong(rs, 4);
                        long min = rs.getLong(5);
                        long max = rs.getLong(6);
                        long increment = rs.getLong(7);
                        String ownedBy = rs.getString(11) == null
                                ? null
                                : Identifiers.qualified(rs.getString(9), rs.getString(10)) + "."
                                        + Identifiers.quote(rs.getString(11));
                        String columnType = rs.getString(12);
                        long usableMax = Math.min(max, columnMax(columnType));
                        long usableMin = Math.max(min, -columnMax(columnType) - 1);
                        Double fraction = null;
                        if (last != null) {
                            double range = increment > 0 ? (double) usableMax - min : (double) max - usableMin;
                            double used = increment > 0 ? (double) last - min : (double) max - last;
                            fraction = range <= 0 ? 1.0 : Math.max(0, Math.min(1, used / range));
                        }
                        return new Sequence(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                last,
                                min,
                                max,
                                increment,
                                rs.getBoolean(8),
                                ownedBy,
                                columnType,
                                usableMax,
                                fraction);
                    });
        }

        private List<Trigger> triggers() throws SQLException {
            return list(
                    "SELECT n.nspname, t.relname, tg.tgname, tg.tgenabled::text, pg_get_triggerdef(tg.oid, true)"
                            + " FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid"
                            + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE NOT tg.tgisinternal AND "
                            + USER_SCHEMAS + " ORDER BY n.nspname, t.relname, tg.tgname",
                    rs -> new Trigger(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }

        private List<View> views() throws SQLException {
            return list(
                    "SELECT n.nspname, c.relname, c.relkind = 'm',"
                            + " CASE WHEN c.relkind = 'm' THEN pg_total_relation_size(c.oid) END"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname",
                    rs -> new View(rs.getString(1), rs.getString(2), rs.getBoolean(3), nullableLong(rs, 4)));
        }

        private List<Function> functions() throws SQLException {
            return list(
                    "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind::text,"
                            + " l.lanname, pg_get_function_result(p.oid)"
                            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                            + " JOIN pg_language l ON l.oid = p.prolang WHERE " + USER_SCHEMAS
                            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
                            + "   AND d.objid = p.oid AND d.deptype = 'e')"
                            + " ORDER BY n.nspname, p.proname, 3",
                    rs -> new Function(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            functionKind(rs.getString(4)),
                            rs.getString(5),
                            rs.getString(6)));
        }

        private List<LongTransaction> longTransactions() throws SQLException {
            return list(
                    "SELECT pid, usename, datname, state, application_name, xact_start,"
                            + " extract(epoch FROM clock_timestamp() - xact_start)::float8,"
                            + " CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END,"
                            + " left(query, 1000) FROM pg_stat_activity"
                            + " WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()"
                            + " AND clock_timestamp() - xact_start > make_interval(secs => ?) ORDER BY xact_start",
                    ps -> ps.setDouble(1, options.longTransaction().toMillis() / 1000.0),
                    rs -> new LongTransaction(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            instant(rs, 6),
                            rs.getDouble(7),
                            rs.getString(8),
                            rs.getString(9)));
        }

        private List<ReplicationSlot> replicationSlots() throws SQLException {
            return list(
                    "SELECT slot_name, plugin, slot_type, database, active,"
                            + " CASE WHEN pg_is_in_recovery() OR restart_lsn IS NULL THEN NULL"
                            + "   ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint END"
                            + " FROM pg_replication_slots ORDER BY slot_name",
                    rs -> new ReplicationSlot(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5),
                            nullableLong(rs, 6)));
        }

        private StatementStats statements() throws SQLException {
            StatStatements pgss = StatStatements.probe(connection);
            if (!pgss.available()) {
                return new StatementStats(false, pgss.hint(), List.of());
            }
            List<TopStatement> top = pgss.top(connection, options.topStatements());
            return new StatementStats(true, null, top);
        }

        // ---- plumbing ---------------------------------------------------------------------------------------

        @FunctionalInterface
        private interface Section<T> {
            T read() throws SQLException;
        }

        @FunctionalInterface
        private interface Mapper<T> {
            T map(ResultSet rs) throws SQLException;
        }

        @FunctionalInterface
        private interface Binder {
            void bind(PreparedStatement ps) throws SQLException;
        }

        /**
         * Reads one section under a savepoint. A failure other than cancellation is kept as a warning and the
         * section falls back to {@code empty}; a section that fails because a concurrent DROP removed an object
         * while it was read is tried once more.
         */
        private <T> T section(String name, T empty, Section<T> work) throws SQLException {
            cancellation.checkpoint();
            progress.report(Progress.of("Inventory: " + name, step++, SECTIONS));
            for (int attempt = 1; ; attempt++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    T result = work.read();
                    connection.releaseSavepoint(savepoint);
                    return result;
                } catch (SQLException e) {
                    connection.rollback(savepoint);
                    if (cancellation.isCancelled()) {
                        throw new CancelledException();
                    }
                    String state = e.getSQLState() == null ? "" : e.getSQLState();
                    boolean vanished = state.equals("3D000") || state.equals("42P01") || state.equals("XX000");
                    if (vanished && attempt < 3) {
                        continue;
                    }
                    warnings.add(name + ": " + e.getMessage());
                    return empty;
                }
            }
        }

        private <T> T single(String sql, Mapper<T> mapper) throws SQLException {
            List<T> rows = list(sql, ps -> {}, mapper);
            return rows.isEmpty() ? null : rows.get(0);
        }

        private <T> List<T> list(String sql, Mapper<T> mapper) throws SQLException {
            return list(sql, ps -> {}, mapper);
        }

        private <T> List<T> list(String sql, Binder binder, Mapper<T> mapper) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql);
                    Cancellation.Registration ignored = cancellation.onCancel(() -> cancelQuietly(ps))) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            }
        }
    }

    static InventorySnapshot withFindings(InventorySnapshot s, List<Finding> findings) {
        return new InventorySnapshot(
                s.takenAt(),
                s.database(),
                s.server(),
                s.settings(),
                s.extensions(),
                s.databases(),
                s.schemas(),
                s.tables(),
                s.partitions(),
                s.indexes(),
                s.constraints(),
                s.sequences(),
                s.triggers(),
                s.views(),
                s.functions(),
                s.longTransactions(),
                s.replicationSlots(),
                s.statementStats(),
                findings,
                s.warnings());
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // The statement may have finished meanwhile; the checkpoint after it still sees the flag.
        }
    }

    static String constraintType(String code) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("p", "primary key");
        names.put("u", "unique");
        names.put("f", "foreign key");
        names.put("c", "check");
        names.put("x", "exclusion");
        names.put("t", "constraint trigger");
        names.put("n", "not null");
        return names.getOrDefault(code, code);
    }

    private static String functionKind(String code) {
        switch (code) {
            case "f":
                return "function";
            case "p":
                return "procedure";
            case "a":
                return "aggregate";
            case "w":
                return "window";
            default:
                return code;
        }
    }

    /** The largest value a column of this type holds, for the sequences that feed it. */
    static long columnMax(String columnType) {
        if (columnType == null) {
            return Long.MAX_VALUE;
        }
        switch (columnType) {
            case "smallint":
                return Short.MAX_VALUE;
            case "integer":
                return Integer.MAX_VALUE;
            default:
                return Long.MAX_VALUE;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> v == null ? null : v.toString()).toList();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
