package io.miglab.core.targets;

/**
 * A PostgreSQL to work on: one of MigLab's lab instances, or an external server the user registered.
 *
 * @param labInstance true when MigLab runs this server itself (its name is the lab instance's name)
 */
public record Target(String name, TargetRole role, ConnectionSpec connection, boolean labInstance) {

    public boolean guarded() {
        return role == TargetRole.GUARDED;
    }

    /** A one-line description without secrets, for lists and reports. */
    public String describe() {
        return connection.effectiveUser() + "@" + connection.host() + ":" + connection.port() + "/"
                + connection.database();
    }
}
