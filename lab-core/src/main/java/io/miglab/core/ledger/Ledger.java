package io.miglab.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The experiment ledger: a SQLite file ({@code lab.db}) in WAL mode holding every experiment, its measurements,
 * artifacts, samples and tags, plus the registered targets.
 *
 * <p>One connection per process, used under this object's lock: SQLite serialises writers anyway, and a single
 * connection keeps transactions simple. Other processes (the CLI beside the app) wait on SQLite's busy timeout.
 *
 * <p>Crash safety: an experiment is written as {@code running} with its owner's pid and start time before any
 * work starts. When a ledger opens, running experiments whose owner process is gone are marked {@code interrupted},
 * so a {@code kill -9} never leaves a half-written experiment that looks complete.
 */
public final class Ledger implements AutoCloseable, Experiments {
    /** Ids bound per IN (...) list; well under SQLite's limit on host parameters. */
    private static final int ID_CHUNK = 500;

    private final Path file;
    private final Connection connection;
    private final Clock clock;
    private final ProcessIdentity self;

    private Ledger(Path file, Connection connection, Clock clock, ProcessIdentity self) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.self = self;
    }

    /** Opens (creating if needed) and upgrades the ledger at {@code file}, then recovers interrupted experiments. */
    public static Ledger open(Path file) {
        return open(file, LedgerSchema.LATEST, Clock.systemUTC());
    }

    /** Opens the ledger migrated only up to {@code schemaVersion}; for tests of the upgrade path. */
    static Ledger open(Path file, int schemaVersion, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot create the folder for the ledger " + file + ": " + e.getMessage(), e);
        }
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(15_000);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            LedgerSchema.migrate(connection, file, schemaVersion);
            Ledger ledger = new Ledger(file, connection, clock, ProcessIdentity.current());
            if (schemaVersion >= 1) {
                ledger.recoverInterrupted();
            }
            return ledger;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new MigLabException(
                    "Cannot open the experiment ledger " + file + ": " + e.getMessage(),
                    "If the file is damaged, move it aside; MigLab creates a new one.",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public synchronized int schemaVersion() {
        return call(() -> LedgerSchema.version(connection));
    }

    /** Runs {@code PRAGMA integrity_check}; returns "ok" for a healthy file, else SQLite's findings. */
    public synchronized String integrityCheck() {
        return call(() -> {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
                return String.join("\n", lines);
            }
        });
    }

    // ---- experiments -------------------------------------------------------------------------------------------

    /**
     * Records a new experiment as running, owned by this process, and returns the handle that finishes it. Close
     * the handle in a finally block: one closed without an outcome is recorded as failed.
     */
    public synchronized ExperimentRun begin(String kind, String title, TargetFingerprint target, JsonNode parameters) {
        Instant now = clock.instant();
        LongParameters.Split split =
                LongParameters.split(parameters == null ? JsonNodeFactory.instance.objectNode() : parameters);
        long id = transaction(() -> {
            long inserted = update(
                    "INSERT INTO experiment (kind, title, target_name, server_version, settings_hash, dataset,"
                            + " parameters, started_at, status, owner_pid, owner_started)"
                            + " VALUES (?,?,?,?,?,?,?,?,'running',?,?)",
                    ps -> {
                        ps.setString(1, kind);
                        ps.setString(2, title);
                        ps.setString(3, target.targetName());
                        ps.setString(4, target.serverVersion());
                        ps.setString(5, target.settingsHash());
                        ps.setString(6, target.dataset());
                        ps.setString(7, toJson(split.parameters()));
                        ps.setString(8, now.toString());
                        ps.setLong(9, self.pid());
                        ps.setString(10, self.startedAt());
                    });
            for (Map.Entry<String, byte[]> text : split.artifacts().entrySet()) {
                attach(inserted, text.getKey(), LongParameters.MEDIA_TYPE, text.getValue());
            }
            return inserted;
        });
        return new ExperimentRun(this, id);
    }

    synchronized void finish(long id, ExperimentStatus status, String error) {
        if (status == ExperimentStatus.RUNNING) {
            throw new IllegalArgumentException("finish needs a final status");
        }
        update("UPDATE experiment SET status = ?, ended_at = ?, error = ? WHERE id = ? AND status = 'running'", ps -> {
            ps.setString(1, status.label());
            ps.setString(2, clock.instant().toString());
            ps.setString(3, error);
            ps.setLong(4, id);
        });
    }

    public synchronized void putMeasurement(long experimentId, Measurement m) {
        update(
                "INSERT INTO measurement (experiment_id, name, value, unit) VALUES (?,?,?,?)"
                        + " ON CONFLICT (experiment_id, name) DO UPDATE SET value = excluded.value, unit = excluded.unit",
                ps -> {
                    ps.setLong(1, experimentId);
                    ps.setString(2, m.name());
                    ps.setDouble(3, m.value());
                    ps.setString(4, m.unit());
                });
    }

    /** Stores {@code content} in the ledger as an artifact of the experiment and returns its id. */
    public synchronized long attach(long experimentId, String name, String mediaType, byte[] content) {
        return update(
                "INSERT INTO artifact (experiment_id, name, media_type, size_bytes, content, created_at)"
                        + " VALUES (?,?,?,?,?,?)",
                ps -> {
                    ps.setLong(1, experimentId);
                    ps.setString(2, name);
                    ps.setString(3, mediaType);
                    ps.setLong(4, content.length);
                    ps.setBytes(5, content);
                    ps.setString(6, clock.instant().toString());
                });
    }

    /** Records a file that stays on disk (too large for the ledger) as an artifact of the experiment. */
    public synchronized long attachFile(long experimentId, String name, String mediaType, Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new MigLabException("Cannot attach " + path + ": " + e.getMessage(), e);
        }
        return update(
                "INSERT INTO artifact (experiment_id, name, media_type, size_bytes, path, created_at) VALUES (?,?,?,?,?,?)",
                ps -> {
                    ps.setLong(1, experimentId);
                    ps.setString(2, name);
                    ps.setString(3, mediaType);
                    ps.setLong(4, size);
                    ps.setString(5, path.toAbsolutePath().toString());
                    ps.setString(6, clock.instant().toString());
                });
    }

    /** Appends time-series points ({@code [epochMillis, value]} pairs) in one transaction. */
    public synchronized void addSamples(long experimentId, String series, List<double[]> points) {
        transaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO sample (experiment_id, series, at_ms, value) VALUES (?,?,?,?)")) {
                for (double[] p : points) {
                    ps.setLong(1, experimentId);
                    ps.setString(2, series);
                    ps.setLong(3, (long) p[0]);
                    ps.setDouble(4, p[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The points of one series, oldest first, as {@code [epochMillis, value]} pairs. */
    public synchronized List<double[]> samples(long experimentId, String series) {
        return query(
                "SELECT at_ms, value FROM sample WHERE experiment_id = ? AND series = ? ORDER BY at_ms",
                ps -> {
                    ps.setLong(1, experimentId);
                    ps.setString(2, series);
                },
                rs -> new double[] {rs.getLong(1), rs.getDouble(2)});
    }

    public synchronized void addTag(long experimentId, String tag) {
        update("INSERT OR IGNORE INTO tag (experiment_id, tag) VALUES (?,?)", ps -> {
            ps.setLong(1, experimentId);
            ps.setString(2, tag.strip());
        });
    }

    public synchronized void removeTag(long experimentId, String tag) {
        update("DELETE FROM tag WHERE experiment_id = ? AND tag = ?", ps -> {
            ps.setLong(1, experimentId);
            ps.setString(2, tag.strip());
        });
    }

    /** Records that {@code from} {@code relation} {@code to}; recording the same link twice keeps one. */
    public synchronized void link(long from, String relation, long to) {
        ExperimentLink link = new ExperimentLink(from, relation, to);
        requireExists(from);
        requireExists(to);
        update("INSERT OR IGNORE INTO experiment_link (experiment_id, related_id, relation) VALUES (?,?,?)", ps -> {
            ps.setLong(1, link.from());
            ps.setLong(2, link.to());
            ps.setString(3, link.relation());
        });
    }

    /** The links from or to an experiment, from its own side first, each as recorded. */
    @Override
    public synchronized List<ExperimentLink> links(long experimentId) {
        return query(
                "SELECT experiment_id, relation, related_id FROM experiment_link"
                        + " WHERE experiment_id = ? OR related_id = ?"
                        + " ORDER BY experiment_id <> ?, experiment_id, related_id, relation",
                ps -> {
                    ps.setLong(1, experimentId);
                    ps.setLong(2, experimentId);
                    ps.setLong(3, experimentId);
                },
                rs -> new ExperimentLink(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    }

    public synchronized void setNotes(long experimentId, String notes) {
        requireExists(experimentId);
        update("UPDATE experiment SET notes = ? WHERE id = ?", ps -> {
            ps.setString(1, notes == null ? "" : notes);
            ps.setLong(2, experimentId);
        });
    }

    @Override
    public synchronized Optional<Experiment> find(long id) {
        List<Experiment> found = list("WHERE e.id = ?", List.of(id), 0);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Experiments, newest first, at most {@link ExperimentFilter#limit()} of them (0: all). */
    @Override
    public synchronized List<Experiment> list(ExperimentFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return list(where, args, filter.limit());
    }

    /** How many experiments match the filter, whatever its limit: "the newest 50 of 1,234". */
    /** The newest experiments (up to {@code limit}, 0 for all) that hold an artifact named {@code artifact}. */
    public synchronized List<Experiment> withArtifact(String artifact, int limit) {
        return list(
                "WHERE EXISTS (SELECT 1 FROM artifact a WHERE a.experiment_id = e.id AND a.name = ?)",
                List.of(artifact),
                limit);
    }

    public synchronized long count(ExperimentFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return query(
                        "SELECT count(*) FROM experiment e " + where,
                        ps -> {
                            for (int i = 0; i < args.size(); i++) {
                                ps.setObject(i + 1, args.get(i));
                            }
                        },
                        rs -> rs.getLong(1))
                .get(0);
    }

    private static String where(ExperimentFilter filter, List<Object> args) {
        StringBuilder where = new StringBuilder("WHERE 1=1");
        if (filter.kind() != null) {
            where.append(" AND e.kind = ?");
            args.add(filter.kind());
        }
        if (filter.status() != null) {
            where.append(" AND e.status = ?");
            args.add(filter.status().label());
        }
        if (filter.targetName() != null) {
            where.append(" AND e.target_name = ?");
            args.add(filter.targetName());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String like = "%"
                    + filter.text()
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%";
            where.append(
                    " AND (lower(e.title) LIKE ? ESCAPE '\\' OR lower(e.kind) LIKE ? ESCAPE '\\'"
                            + " OR lower(coalesce(e.target_name,'')) LIKE ? ESCAPE '\\'"
                            + " OR EXISTS (SELECT 1 FROM tag t WHERE t.experiment_id = e.id AND lower(t.tag) LIKE ? ESCAPE '\\'))");
            for (int i = 0; i < 4; i++) {
                args.add(like);
            }
        }
        return where.toString();
    }

    /** The kinds of experiment the ledger holds, sorted; for filters. */
    @Override
    public synchronized List<String> kinds() {
        return query("SELECT DISTINCT kind FROM experiment ORDER BY kind", ps -> {}, rs -> rs.getString(1));
    }

    /** Deletes an experiment with its measurements, artifacts, samples and tags. Returns false if there was none. */
    @Override
    public synchronized boolean delete(long id) {
        return call(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM experiment WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public synchronized List<Artifact> artifacts(long experimentId) {
        return query(
                "SELECT id, experiment_id, name, media_type, size_bytes, path, created_at FROM artifact"
                        + " WHERE experiment_id = ? ORDER BY id",
                ps -> ps.setLong(1, experimentId),
                rs -> new Artifact(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        Instant.parse(rs.getString(7))));
    }

    /** The bytes of an artifact, read from the ledger or from its file. */
    @Override
    public synchronized byte[] artifactContent(long artifactId) {
        List<Object[]> rows =
                query("SELECT content, path FROM artifact WHERE id = ?", ps -> ps.setLong(1, artifactId), rs ->
                        new Object[] {rs.getBytes(1), rs.getString(2)});
        if (rows.isEmpty()) {
            throw new MigLabException("There is no artifact " + artifactId + " in the ledger.");
        }
        Object[] row = rows.get(0);
        if (row[1] != null) {
            try {
                return Files.readAllBytes(Path.of((String) row[1]));
            } catch (IOException e) {
                throw new MigLabException("The artifact file " + row[1] + " cannot be read: " + e.getMessage(), e);
            }
        }
        return row[0] == null ? new byte[0] : (byte[]) row[0];
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /** Marks running experiments whose owner process is gone as interrupted; returns how many. */
    public synchronized int recoverInterrupted() {
        List<long[]> running = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        query("SELECT id, owner_pid, owner_started FROM experiment WHERE status = 'running'", ps -> {}, rs -> {
            running.add(new long[] {rs.getLong(1), rs.getLong(2)});
            starts.add(rs.getString(3));
            return null;
        });
        int recovered = 0;
        for (int i = 0; i < running.size(); i++) {
            long id = running.get(i)[0];
            ProcessIdentity owner = new ProcessIdentity(running.get(i)[1], starts.get(i));
            if (!owner.isAlive()) {
                finish(
                        id,
                        ExperimentStatus.INTERRUPTED,
                        "The process running it (pid " + owner.pid() + ") ended first.");
                recovered++;
            }
        }
        return recovered;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** Runs JDBC work against the ledger connection under its lock; for stores of other features (targets). */
    public synchronized <T> T withConnection(SqlFunction<Connection, T> work) {
        return call(() -> work.apply(connection));
    }

    private List<Experiment> list(String where, List<Object> args, int limit) {
        String sql = "SELECT e.id, e.kind, e.title, e.target_name, e.server_version, e.settings_hash, e.dataset,"
                + " e.parameters, e.started_at, e.ended_at, e.status, e.error, e.notes FROM experiment e " + where
                + " ORDER BY e.started_at DESC, e.id DESC" + (limit > 0 ? " LIMIT " + limit : "");
        List<Experiment> bare = query(
                sql,
                ps -> {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                },
                rs -> new Experiment(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        new TargetFingerprint(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                        parseJson(rs.getString(8)),
                        Instant.parse(rs.getString(9)),
                        rs.getString(10) == null ? null : Instant.parse(rs.getString(10)),
                        ExperimentStatus.fromLabel(rs.getString(11)),
                        rs.getString(12),
                        rs.getString(13),
                        List.of(),
                        List.of()));
        // Tags and measurements of all listed experiments in two queries per chunk, not two per experiment.
        Map<Long, List<String>> tags = new HashMap<>();
        Map<Long, List<Measurement>> measurements = new HashMap<>();
        List<Long> ids = bare.stream().map(Experiment::id).toList();
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            String in = "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            SqlBinder bindChunk = ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
            };
            query(
                    "SELECT experiment_id, tag FROM tag WHERE experiment_id IN " + in + " ORDER BY tag",
                    bindChunk,
                    rs -> tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2)));
            query(
                    "SELECT experiment_id, name, value, unit FROM measurement WHERE experiment_id IN " + in
                            + " ORDER BY name",
                    bindChunk,
                    rs -> measurements
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Measurement(rs.getString(2), rs.getDouble(3), rs.getString(4))));
        }
        List<Experiment> full = new ArrayList<>(bare.size());
        for (Experiment e : bare) {
            full.add(new Experiment(
                    e.id(),
                    e.kind(),
                    e.title(),
                    e.target(),
                    e.parameters(),
                    e.startedAt(),
                    e.endedAt(),
                    e.status(),
                    e.error(),
                    e.notes(),
                    tags.getOrDefault(e.id(), List.of()),
                    measurements.getOrDefault(e.id(), List.of())));
        }
        return full;
    }

    private void requireExists(long id) {
        List<Long> ids = query("SELECT id FROM experiment WHERE id = ?", ps -> ps.setLong(1, id), rs -> rs.getLong(1));
        if (ids.isEmpty()) {
            throw new MigLabException("There is no experiment " + id + " in the ledger " + file + ".");
        }
    }

    private static String toJson(JsonNode parameters) {
        try {
            return Json.mapper()
                    .writeValueAsString(parameters == null ? JsonNodeFactory.instance.objectNode() : parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Parameters are not serialisable", e);
        }
    }

    private static JsonNode parseJson(String text) {
        try {
            return Json.mapper().readTree(text == null ? "{}" : text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    /** JDBC work that may throw SQLException. */
    @FunctionalInterface
    public interface SqlFunction<A, T> {
        T apply(A value) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlBinder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T call(SqlCall<T> work) {
        try {
            return work.call();
        } catch (SQLException e) {
            throw new MigLabException("The experiment ledger " + file + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(SqlCall<T> work) {
        return call(() -> {
            connection.setAutoCommit(false);
            try {
                T result = work.call();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** Executes one write and returns the generated key (or the update count when there is none). */
    private synchronized long update(String sql, SqlBinder binder) {
        return this.<Long>call(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                binder.bind(ps);
                long count = ps.executeUpdate();
                if (sql.startsWith("INSERT")) {
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (keys.next()) {
                            return keys.getLong(1);
                        }
                    }
                }
                return count;
            }
        });
    }

    private <T> List<T> query(String sql, SqlBinder binder, SqlFunction<ResultSet, T> mapper) {
        return call(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.apply(rs));
                    }
                    return rows;
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is best effort; SQLite's WAL keeps committed data either way.
            }
        }
    }
}
