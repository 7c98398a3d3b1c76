package io.miglab.core.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Preferences;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The targets a user can work on: every lab instance (a target of the same name, role lab) plus the external
 * servers registered in the ledger. Also records write unlocks of guarded targets.
 */
public final class TargetRegistry implements Targets {
    public static final Duration DEFAULT_UNLOCK = Duration.ofHours(1);

    /** No unlock lasts longer: a forgotten unlock ends by itself the next day. */
    public static final Duration MAX_UNLOCK = Duration.ofHours(24);

    /**
     * Unlock times are stored in one fixed-width UTC form, so SQLite compares them as text in the query asked before
     * every statement; {@link Instant#toString()} drops zero fractions and would not sort.
     */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String TARGET_COLUMNS = "id, name, role, host, port, database, user_name, ssl_mode, options";

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");

    private final Ledger ledger;
    private final LabInstanceManager labInstances;
    private final Map<String, String> environment;
    private final Clock clock;

    public TargetRegistry(
            Ledger ledger, LabInstanceManager labInstances, Map<String, String> environment, Clock clock) {
        this.ledger = ledger;
        this.labInstances = labInstances;
        this.environment = environment;
        this.clock = clock;
    }

    /** Lab instances first, then external targets, each by name. */
    @Override
    public List<Target> list() {
        List<Target> targets = new ArrayList<>();
        for (LabInstance instance : labInstances.list()) {
            targets.add(labTarget(instance));
        }
        targets.addAll(ledger.withConnection(c -> {
            List<Target> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TARGET_COLUMNS + " FROM target ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(readTarget(rs));
                }
            }
            return rows;
        }));
        return targets;
    }

    @Override
    public Optional<Target> find(String name) {
        return list().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The named target, or a clear error listing the ones there are. */
    @Override
    public Target get(String name) {
        return find(name).orElseThrow(() -> {
            List<String> names = list().stream().map(Target::name).toList();
            return new MigLabException(
                    "There is no target named '" + name + "'.",
                    names.isEmpty()
                            ? "Start the lab instance (miglab lab start) or add a target (miglab target add)."
                            : "Known targets: " + String.join(", ", names) + ".",
                    null);
        });
    }

    /** Registers an external server. Its name must not clash with a lab instance or another target. */
    @Override
    public Target add(String name, ConnectionSpec spec, TargetRole role) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new MigLabException(
                    "'" + name + "' is not a valid target name.",
                    "Use letters, digits, '.', '-' or '_', starting with a letter.",
                    null);
        }
        if (find(name).isPresent()) {
            throw new MigLabException(
                    "A target named '" + name + "' already exists.",
                    "Remove it first (miglab target remove " + name + ") or choose another name.",
                    null);
        }
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO target (name, role, host, port, database, user_name, ssl_mode, options, added_at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, name);
                ps.setString(2, role.label());
                ps.setString(3, spec.host());
                ps.setInt(4, spec.port());
                ps.setString(5, spec.database());
                ps.setString(6, spec.user());
                ps.setString(7, spec.sslMode());
                ps.setString(8, Json.mapper().writeValueAsString(spec.options()));
                ps.setString(9, clock.instant().toString());
                return ps.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new MigLabException("Cannot store the options of target '" + name + "'.", e);
            }
        });
        return get(name);
    }

    /**
     * Forgets an external target and its unlocks (its experiments stay in the ledger). Lab instances are deleted as
     * instances. Works by name without reading the target, so a row this MigLab no longer accepts can still go.
     */
    @Override
    public void remove(String name) {
        if (labInstances.list().stream().anyMatch(i -> i.name().equals(name))) {
            throw new MigLabException(
                    "'" + name + "' is a lab instance, not a registered target.",
                    "Stop it with: miglab lab stop --name " + name,
                    null);
        }
        int removed = ledger.withConnection(c -> {
            try (PreparedStatement unlocks = c.prepareStatement(
                            "DELETE FROM target_unlock WHERE target_id IN (SELECT id FROM target WHERE name = ?)");
                    PreparedStatement target = c.prepareStatement("DELETE FROM target WHERE name = ?")) {
                unlocks.setString(1, name);
                unlocks.executeUpdate();
                target.setString(1, name);
                return target.executeUpdate();
            }
        });
        if (removed == 0) {
            get(name);
        }
    }

    // ---- write unlocks -------------------------------------------------------------------------------------

    /**
     * Allows writes to a guarded target for {@code duration} (at most {@link #MAX_UNLOCK}), recording who, why and
     * when. The unlock belongs to this target's identity: removing the target ends it. Lab targets need no unlock.
     */
    @Override
    public WriteUnlock unlock(String name, String reason, Duration duration) {
        checkUnlockDuration(duration);
        Target target = get(name);
        if (!target.guarded()) {
            throw new MigLabException("'" + name + "' is a lab target; writes are always allowed there.");
        }
        if (reason == null || reason.isBlank()) {
            throw new MigLabException("Say why writes to '" + name + "' are needed; the reason is recorded.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(duration);
        String osUser = System.getProperty("user.name");
        long id = ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO target_unlock (target_id, target_name, unlocked_at, reason, os_user, expires_at)"
                            + " VALUES (?,?,?,?,?,?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, target.id());
                ps.setString(2, name);
                ps.setString(3, STAMP.format(now));
                ps.setString(4, reason.strip());
                ps.setString(5, osUser);
                ps.setString(6, STAMP.format(expires));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new WriteUnlock(id, name, now, expires, reason.strip(), osUser);
    }

    /** Refuses unlock durations that are not from one minute to {@link #MAX_UNLOCK}. */
    public static void checkUnlockDuration(Duration duration) {
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_UNLOCK) > 0) {
            throw new MigLabException("An unlock lasts from 1 minute to " + MAX_UNLOCK.toHours() + " hours ("
                    + MAX_UNLOCK.toMinutes() + " minutes).");
        }
    }

    /** Ends every active unlock of the target; its connections refuse writes from their next statement on. */
    @Override
    public void lock(String name) {
        Target target = get(name);
        String now = STAMP.format(clock.instant());
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE target_unlock SET relocked_at = ? WHERE target_id = ? AND relocked_at IS NULL")) {
                ps.setString(1, now);
                ps.setLong(2, target.id());
                return ps.executeUpdate();
            }
        });
    }

    /** The unlock in force for the target right now, if any. */
    @Override
    public Optional<WriteUnlock> activeUnlock(String name) {
        return activeUnlock(get(name));
    }

    /** The unlock in force for this target (by identity, not name) right now, if any. */
    public Optional<WriteUnlock> activeUnlock(Target target) {
        Instant now = clock.instant();
        return unlocks(target).stream().filter(u -> u.activeAt(now)).findFirst();
    }

    /** Every unlock of a target that has not been locked again, newest first (expired ones included). */
    public List<WriteUnlock> unlocks(String name) {
        return unlocks(get(name));
    }

    private List<WriteUnlock> unlocks(Target target) {
        if (target.id() == Target.UNREGISTERED) {
            return List.of();
        }
        return ledger.withConnection(c -> {
            List<WriteUnlock> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, target_name, unlocked_at, expires_at, reason, os_user FROM target_unlock"
                            + " WHERE target_id = ? AND relocked_at IS NULL ORDER BY unlocked_at DESC")) {
                ps.setLong(1, target.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new WriteUnlock(
                                rs.getLong(1),
                                target.name(),
                                Instant.parse(rs.getString(3)),
                                Instant.parse(rs.getString(4)),
                                rs.getString(5),
                                rs.getString(6)));
                    }
                }
            }
            return rows;
        });
    }

    // ---- connections -----------------------------------------------------------------------------------------

    /** Connections to the target: read-only when it is guarded and not unlocked. */
    public TargetConnector connector(String name) {
        Target target = get(name);
        return new TargetConnector(target, writeAccess(target), environment, TargetConnector.DEFAULT_CONNECT_TIMEOUT);
    }

    @Override
    public Optional<String> lastDatabase(String name) {
        return new Preferences(ledger, clock).get(databaseKey(name));
    }

    @Override
    public void rememberDatabase(String name, String database) {
        new Preferences(ledger, clock).put(databaseKey(name), database);
    }

    private static String databaseKey(String target) {
        return "target." + target + ".database";
    }

    @Override
    public List<String> databases(String name) {
        try (Connection c = connector(name).openOrExplain(null);
                java.sql.Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn"
                                + " AND has_database_privilege(oid, 'CONNECT') ORDER BY datname")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new MigLabException("Cannot list the databases of target '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Tests the connection and asks the server what the connecting role may do ({@link RoleCapabilities}); a stopped
     * lab instance is reported as such without touching the network.
     */
    @Override
    public ConnectionCheck test(String name, Duration connectTimeout) {
        Target target = get(name);
        if (target.labInstance() && !labInstances.describe(name).running()) {
            return TargetConnector.stopped(target);
        }
        TargetConnector connector = new TargetConnector(target, writeAccess(target), environment, connectTimeout);
        ConnectionCheck check = connector.test();
        if (!check.ok()) {
            return check;
        }
        try (Connection c = connector.open()) {
            return check.withCapabilities(RoleCapabilities.read(c));
        } catch (SQLException e) {
            return new ConnectionCheck(
                    check.targetName(),
                    null,
                    check.message() + " What the role may do could not be read: " + e.getMessage(),
                    check.serverVersion(),
                    check.latency(),
                    check.readOnly());
        }
    }

    @Override
    public ConnectionCheck tryConnection(
            String name, ConnectionSpec spec, TargetRole role, String password, Duration connectTimeout) {
        // Unregistered, so a guarded one can never be unlocked: its test connection is read-only, through the gate.
        Target target = new Target(name == null || name.isBlank() ? "new target" : name.strip(), role, spec, false);
        Map<String, String> env = environment;
        if (password != null && !password.isEmpty()) {
            env = new java.util.HashMap<>(environment);
            env.put("PGPASSWORD", password);
        }
        TargetConnector connector = new TargetConnector(target, writeAccess(target), env, connectTimeout);
        ConnectionCheck check = connector.test();
        if (!check.ok()) {
            return check;
        }
        try (Connection c = connector.open()) {
            return check.withCapabilities(RoleCapabilities.read(c));
        } catch (SQLException e) {
            return check;
        }
    }

    /** Only whether the target answers, without asking about the role: for polling the current target. */
    @Override
    public ConnectionCheck probe(String name, Duration connectTimeout) {
        Target target = get(name);
        if (target.labInstance() && !labInstances.describe(name).running()) {
            return TargetConnector.stopped(target);
        }
        return new TargetConnector(target, writeAccess(target), environment, connectTimeout).test();
    }

    /**
     * Asked before every statement on the target's guarded connections: is an unlock of this target's identity in
     * force right now? One indexed query, so a lock or an expiry stops writes at the next statement. Unlocks are
     * capped again here, so a ledger row edited by hand cannot outlast {@link #MAX_UNLOCK}.
     */
    private WriteAccess writeAccess(Target target) {
        if (!target.guarded()) {
            return WriteAccess.always();
        }
        if (target.id() == Target.UNREGISTERED) {
            return WriteAccess.never();
        }
        long id = target.id();
        return () -> {
            Instant now = clock.instant();
            return ledger.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM target_unlock WHERE target_id = ? AND relocked_at IS NULL AND expires_at > ?"
                                + " AND expires_at <= ? AND unlocked_at <= ? LIMIT 1")) {
                    ps.setLong(1, id);
                    ps.setString(2, STAMP.format(now));
                    ps.setString(3, STAMP.format(now.plus(MAX_UNLOCK)));
                    ps.setString(4, STAMP.format(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        };
    }

    private static Target labTarget(LabInstance instance) {
        ConnectionSpec spec = new ConnectionSpec(
                "127.0.0.1",
                instance.port() > 0 ? instance.port() : ConnectionSpec.DEFAULT_PORT,
                LabInstance.DEFAULT_DATABASE,
                LabInstance.SUPERUSER,
                "disable",
                Map.of());
        return new Target(instance.name(), TargetRole.LAB, spec, true);
    }

    private static Target readTarget(ResultSet rs) throws java.sql.SQLException {
        String name = rs.getString(2);
        Map<String, String> options;
        try {
            options = Json.mapper().readValue(rs.getString(9), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            options = Map.of();
        }
        ConnectionSpec spec;
        try {
            // Options stored before the allow-list existed are dropped, never passed on.
            spec = new ConnectionSpec(
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    ConnectionOptions.allowedOnly(options));
        } catch (MigLabException e) {
            throw new MigLabException(
                    "Target '" + name + "' in the ledger has a connection MigLab no longer accepts: " + e.getMessage(),
                    "Remove it (miglab target remove " + name + ") and add it again.",
                    e);
        }
        return new Target(name, TargetRole.parse(rs.getString(3)), spec, false, rs.getLong(1));
    }
}
