package io.miglab.core.targets;

/**
 * A PostgreSQL to work on: one of MigLab's lab instances, or an external server the user registered.
 *
 * @param labInstance true when MigLab runs this server itself (its name is the lab instance's name)
 * @param id the registered target's identity in the ledger, never reused: unlocks belong to it, not to the name,
 *     so a target removed and added again under the same name starts locked; {@link #UNREGISTERED} for lab
 *     instances and targets built outside the registry
 */
public record Target(String name, TargetRole role, ConnectionSpec connection, boolean labInstance, long id) {
    public static final long UNREGISTERED = 0;

    /** A target with no ledger identity (a lab instance, or one built by hand); it can never be unlocked. */
    public Target(String name, TargetRole role, ConnectionSpec connection, boolean labInstance) {
        this(name, role, connection, labInstance, UNREGISTERED);
    }

    public boolean guarded() {
        return role == TargetRole.GUARDED;
    }

    /** A one-line description without secrets, for lists and reports. */
    public String describe() {
        String host = connection.host().contains(":") ? "[" + connection.host() + "]" : connection.host();
        return connection.effectiveUser() + "@" + host + ":" + connection.port() + "/" + connection.database();
    }
}
