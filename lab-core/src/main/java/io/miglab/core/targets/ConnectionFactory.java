package io.miglab.core.targets;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens JDBC connections to one target. Work that needs several connections at once (parallel loaders, concurrent
 * baseline clients) takes a factory rather than a connection. Connections to a guarded target come back read-only
 * unless the user unlocked writes for it.
 */
public interface ConnectionFactory {

    /** The target's own database. */
    default Connection open() throws SQLException {
        return open(null);
    }

    /**
     * A connection to {@code database} on the same server, or to the target's own database when null. The caller
     * closes it.
     */
    Connection open(String database) throws SQLException;

    /** The database {@link #open()} connects to. */
    String defaultDatabase();

    /** Whether writes are allowed: a lab target, or a guarded target the user unlocked. */
    boolean writable();
}
