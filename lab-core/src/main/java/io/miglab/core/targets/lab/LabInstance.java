package io.miglab.core.targets.lab;

import java.nio.file.Path;

/**
 * An embedded PostgreSQL server MigLab owns: disposable, full access, living in its own folder under the MigLab
 * home. Every lab instance is also a target of the same name.
 *
 * @param port the port it listens on when running, or the one it will try first when stopped
 * @param pid the postmaster's pid while running, else 0
 * @param serverVersion the version of the binaries it runs on, for example {@code 15.19.0}
 */
public record LabInstance(String name, Path directory, int port, State state, long pid, String serverVersion) {

    /** Whether the server runs right now. */
    public enum State {
        RUNNING,
        STOPPED
    }

    public static final String SUPERUSER = "postgres";
    public static final String DEFAULT_DATABASE = "postgres";

    /** The PostgreSQL major version, for example 15; an instance keeps its major for life. */
    public int major() {
        return PostgresRelease.majorOf(serverVersion);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public Path logFile() {
        return directory.resolve("server.log");
    }

    /** The JDBC URL of a database on this instance; no password is needed (trust on 127.0.0.1 only). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + (database == null ? DEFAULT_DATABASE : database) + "?user="
                + SUPERUSER;
    }

    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }
}
