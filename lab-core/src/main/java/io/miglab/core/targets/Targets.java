package io.miglab.core.targets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The servers MigLab works on, as one feature for every caller: list, register and remove them, test them, unlock
 * and lock writes, list their databases. {@link TargetRegistry} implements it on the ledger.
 */
public interface Targets {

    /** Lab instances first, then registered servers, each by name. */
    List<Target> list();

    Optional<Target> find(String name);

    /** The named target, or a one-line error listing the ones there are. */
    Target get(String name);

    /** Registers a server; the name and the connection are checked first. */
    Target add(String name, ConnectionSpec spec, TargetRole role);

    void remove(String name);

    /** Connects once, reports in plain words, and says what the connecting role may do. */
    ConnectionCheck test(String name, Duration connectTimeout);

    /**
     * Connects once to a server that is not registered yet, as {@link #test} does, so a form can test before it
     * saves. {@code password} (may be null) is used for this one connection only and kept nowhere; without it the
     * password comes from PGPASSWORD or ~/.pgpass, as for every later connection. A guarded server is tested
     * read-only, through the guard.
     */
    default ConnectionCheck tryConnection(
            String name, ConnectionSpec spec, TargetRole role, String password, Duration connectTimeout) {
        throw new io.miglab.core.MigLabException("These targets cannot test a server before it is saved.");
    }

    /** Only whether the target answers, for polling. */
    ConnectionCheck probe(String name, Duration connectTimeout);

    /** Allows writes to a guarded target for at most 24 hours; the reason is recorded. */
    WriteUnlock unlock(String name, String reason, Duration duration);

    void lock(String name);

    Optional<WriteUnlock> activeUnlock(String name);

    /** The databases on the target's server a session could connect to, by name. */
    List<String> databases(String name);

    /** The database last used on the target, so pickers open where the user left off. */
    Optional<String> lastDatabase(String name);

    /** Remembers {@code database} as the one last used on the target (null forgets it). */
    void rememberDatabase(String name, String database);
}
