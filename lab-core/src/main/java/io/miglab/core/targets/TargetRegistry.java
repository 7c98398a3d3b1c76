package io.miglab.core.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The targets a user can work on: every lab instance (a target of the same name, role lab) plus the external
 * servers registered in the ledger. Also records write unlocks of guarded targets.
 */
public final class TargetRegistry {
    public static final Duration DEFAULT_UNLOCK = Duration.ofHours(1);

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
    public List<Target> list() {
        List<Target> targets = new ArrayList<>();
        for (LabInstance instance : labInstances.list()) {
            targets.add(labTarget(instance));
        }
        targets.addAll(ledger.withConnection(c -> {
            List<Target> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT name, role, host, port, database, user_name, ssl_mode, options FROM target"
                                    + " ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(readTarget(rs));
                }
            }
            return rows;
        }));
        return targets;
    }

    public Optional<Target> find(String name) {
        return list().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The named target, or a clear error listing the ones there are. */
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

    /** Forgets an external target (its experiments stay in the ledger). Lab instances are deleted as instances. */
    public void remove(String name) {
        Target target = get(name);
        if (target.labInstance()) {
            throw new MigLabException(
                    "'" + name + "' is a lab instance, not a registered target.",
                    "Stop it with: miglab lab stop --name " + name,
                    null);
        }
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM target WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    // ---- write unlocks -------------------------------------------------------------------------------------

    /**
     * Allows writes to a guarded target for {@code duration}, recording who, why and when. Lab targets need no
     * unlock.
     */
    public WriteUnlock unlock(String name, String reason, Duration duration) {
        Target target = get(name);
        if (!target.guarded()) {
            throw new MigLabException("'" + name + "' is a lab target; writes are always allowed there.");
        }
        if (reason == null || reason.isBlank()) {
            throw new MigLabException("Say why writes to '" + name + "' are needed; the reason is recorded.");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(duration);
        String osUser = System.getProperty("user.name");
        long id = ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO target_unlock (target_name, unlocked_at, reason, os_user, expires_at)"
                            + " VALUES (?,?,?,?,?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, now.toString());
                ps.setString(3, reason.strip());
                ps.setString(4, osUser);
                ps.setString(5, expires.toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new WriteUnlock(id, name, now, expires, reason.strip(), osUser);
    }

    /** Ends every active unlock of the target. */
    public void lock(String name) {
        String now = clock.instant().toString();
        ledger.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE target_unlock SET relocked_at = ? WHERE target_name = ? AND relocked_at IS NULL")) {
                ps.setString(1, now);
                ps.setString(2, name);
                return ps.executeUpdate();
            }
        });
    }

    /** The unlock in force for the target right now, if any. */
    public Optional<WriteUnlock> activeUnlock(String name) {
        Instant now = clock.instant();
        return unlocks(name).stream().filter(u -> u.activeAt(now)).findFirst();
    }

    /** Every unlock of a target that has not been locked again, newest first (expired ones included). */
    public List<WriteUnlock> unlocks(String name) {
        return ledger.withConnection(c -> {
            List<WriteUnlock> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, target_name, unlocked_at, expires_at, reason, os_user FROM target_unlock"
                            + " WHERE target_name = ? AND relocked_at IS NULL ORDER BY unlocked_at DESC")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new WriteUnlock(
                                rs.getLong(1),
                                rs.getString(2),
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

    /** Tests the connection; a stopped lab instance is reported as such without touching the network. */
    public ConnectionCheck test(String name, Duration connectTimeout) {
        Target target = get(name);
        if (target.labInstance() && !labInstances.describe(name).running()) {
            return TargetConnector.stopped(target);
        }
        return new TargetConnector(target, writeAccess(target), environment, connectTimeout).test();
    }

    /** Asked before every statement on the target's guarded connections: is an unlock in force right now? */
    private WriteAccess writeAccess(Target target) {
        if (!target.guarded()) {
            return WriteAccess.always();
        }
        return () -> activeUnlock(target.name()).isPresent();
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
        Map<String, String> options;
        try {
            options = Json.mapper().readValue(rs.getString(8), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            options = Map.of();
        }
        ConnectionSpec spec = new ConnectionSpec(
                rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7), options);
        return new Target(rs.getString(1), TargetRole.parse(rs.getString(2)), spec, false);
    }
}
