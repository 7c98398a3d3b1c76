package io.miglab.core.targets;

import java.time.Duration;

/**
 * The outcome of testing a connection to a target.
 *
 * @param problem what failed, or null when the connection worked
 * @param message a plain-words sentence for the user, in either case
 * @param capabilities what the connecting role may do, in the server's own word; null when the connection failed
 *     or the server could not be asked
 */
public record ConnectionCheck(
        String targetName,
        Problem problem,
        String message,
        String serverVersion,
        Duration latency,
        boolean readOnly,
        RoleCapabilities capabilities) {

    /** A check without the role's capabilities (yet). */
    public ConnectionCheck(
            String targetName,
            Problem problem,
            String message,
            String serverVersion,
            Duration latency,
            boolean readOnly) {
        this(targetName, problem, message, serverVersion, latency, readOnly, null);
    }

    /** The kinds of failure people need to tell apart to fix them. */
    public enum Problem {
        HOST_UNKNOWN,
        HOST_UNREACHABLE,
        CONNECTION_REFUSED,
        TIMEOUT,
        AUTHENTICATION,
        DATABASE_MISSING,
        TLS,
        SERVER_NOT_READY,
        TOO_MANY_CONNECTIONS,
        LAB_INSTANCE_STOPPED,
        OTHER
    }

    public boolean ok() {
        return problem == null;
    }

    public ConnectionCheck withCapabilities(RoleCapabilities found) {
        return new ConnectionCheck(targetName, problem, message, serverVersion, latency, readOnly, found);
    }
}
