package io.miglab.app;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.Targets;
import io.miglab.core.targets.WriteUnlock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Targets in memory, for view-model tests: a few named servers with their databases, unlocks and the database last
 * used; no network. Tests add what they need and look at what was remembered.
 */
public final class FakeTargets implements Targets {
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, List<String>> databases = new HashMap<>();
    public final Map<String, String> remembered = new HashMap<>();
    private final Map<String, WriteUnlock> unlocks = new HashMap<>();
    /** What probes and tests of a target answer, by name; a target not here answers "Connected (fake)". */
    public final Map<String, ConnectionCheck> answers = new HashMap<>();
    /** The passwords test connections of unsaved targets were given, in order (null when none was typed). */
    public final List<String> triedPasswords = new ArrayList<>();

    /** Adds a target whose own database is the first of {@code databases}. */
    public FakeTargets with(String name, TargetRole role, String... databaseNames) {
        ConnectionSpec spec = new ConnectionSpec("127.0.0.1", 5432, databaseNames[0], "postgres", null, Map.of());
        targets.put(name, new Target(name, role, spec, role == TargetRole.LAB));
        databases.put(name, List.of(databaseNames));
        return this;
    }

    @Override
    public List<Target> list() {
        return new ArrayList<>(targets.values());
    }

    @Override
    public Optional<Target> find(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    @Override
    public Target get(String name) {
        return find(name).orElseThrow(() -> new MigLabException("There is no target named '" + name + "'."));
    }

    @Override
    public Target add(String name, ConnectionSpec spec, TargetRole role) {
        Target t = new Target(name, role, spec, false);
        targets.put(name, t);
        databases.put(name, List.of(spec.database()));
        return t;
    }

    @Override
    public void remove(String name) {
        targets.remove(name);
    }

    @Override
    public ConnectionCheck test(String name, Duration connectTimeout) {
        return probe(name, connectTimeout);
    }

    @Override
    public ConnectionCheck probe(String name, Duration connectTimeout) {
        get(name);
        ConnectionCheck answer = answers.get(name);
        return answer != null
                ? answer
                : new ConnectionCheck(name, null, "Connected (fake).", "16.15", Duration.ofMillis(1), false);
    }

    /** Answers like a server at any host but {@code unreachable.invalid}. */
    @Override
    public ConnectionCheck tryConnection(
            String name, ConnectionSpec spec, TargetRole role, String password, Duration connectTimeout) {
        triedPasswords.add(password);
        if (spec.host().equals("unreachable.invalid")) {
            return new ConnectionCheck(
                    name,
                    ConnectionCheck.Problem.HOST_UNKNOWN,
                    "The host name 'unreachable.invalid' cannot be resolved.",
                    null,
                    null,
                    false);
        }
        return new ConnectionCheck(name, null, "Connected (fake).", "16.15", Duration.ofMillis(1), false);
    }

    @Override
    public WriteUnlock unlock(String name, String reason, Duration duration) {
        Instant now = Instant.now();
        WriteUnlock u = new WriteUnlock(1, name, now, now.plus(duration), reason, "tester");
        unlocks.put(name, u);
        return u;
    }

    @Override
    public void lock(String name) {
        unlocks.remove(name);
    }

    @Override
    public Optional<WriteUnlock> activeUnlock(String name) {
        return Optional.ofNullable(unlocks.get(name));
    }

    @Override
    public List<String> databases(String name) {
        get(name);
        return databases.getOrDefault(name, List.of());
    }

    @Override
    public Optional<String> lastDatabase(String name) {
        return Optional.ofNullable(remembered.get(name));
    }

    @Override
    public void rememberDatabase(String name, String database) {
        remembered.put(name, database);
    }
}
