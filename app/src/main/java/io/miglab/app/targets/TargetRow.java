package io.miglab.app.targets;

import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.WriteUnlock;
import java.time.Instant;

/**
 * A target as the Targets page lists it, as of one moment.
 *
 * @param running for lab instances, whether the server runs; external targets are always "true" here (unknown)
 * @param unlock the active write unlock of a guarded target, or null
 * @param lastCheck the latest connection test of this target in this session, or null
 * @param asOf when the row was read: the remaining time of an unlock is counted from here
 */
public record TargetRow(Target target, boolean running, WriteUnlock unlock, ConnectionCheck lastCheck, Instant asOf) {

    public TargetRow withLastCheck(ConnectionCheck check) {
        return new TargetRow(target, running, unlock, check, asOf);
    }

    public String name() {
        return target.name();
    }

    public String kind() {
        return target.labInstance() ? "lab instance" : "external";
    }

    /** The last test failed (a stopped lab instance is "stopped", not a failure). */
    public boolean testFailed() {
        return lastCheck != null
                && !lastCheck.ok()
                && lastCheck.problem() != ConnectionCheck.Problem.LAB_INSTANCE_STOPPED;
    }

    /**
     * In words: a lab instance is running or stopped; an external server is reachable (with its version) or
     * unreachable (with a one-line reason), as the latest check found; "checking" until the first returns.
     */
    public String state() {
        if (target.labInstance() && !running) {
            return "stopped";
        }
        if (testFailed()) {
            return (network(lastCheck.problem()) ? "unreachable: " : "test failed: ") + reason(lastCheck);
        }
        if (target.labInstance()) {
            return "running";
        }
        if (lastCheck == null) {
            return "checking\u2026";
        }
        String version = lastCheck.serverVersion();
        return version == null ? "reachable" : "reachable, PostgreSQL " + version.split(" ")[0];
    }

    /** The state as one word for styling: running, stopped, reachable, unreachable, test-failed or checking. */
    public String stateKind() {
        if (target.labInstance() && !running) {
            return "stopped";
        }
        if (testFailed()) {
            return network(lastCheck.problem()) ? "unreachable" : "test-failed";
        }
        if (target.labInstance()) {
            return "running";
        }
        return lastCheck == null ? "checking" : "reachable";
    }

    /** The latest check's full sentence, for a tooltip; empty before the first. */
    public String stateDetails() {
        return lastCheck == null ? "" : lastCheck.message();
    }

    private static boolean network(ConnectionCheck.Problem problem) {
        return switch (problem) {
            case HOST_UNKNOWN, HOST_UNREACHABLE, CONNECTION_REFUSED, TIMEOUT, SERVER_NOT_READY -> true;
            default -> false;
        };
    }

    /** What went wrong in a few words; the check's sentence has the rest. */
    static String reason(ConnectionCheck check) {
        return switch (check.problem()) {
            case HOST_UNKNOWN -> "unknown host";
            case HOST_UNREACHABLE -> "cannot connect";
            case CONNECTION_REFUSED -> "connection refused";
            case TIMEOUT -> "no answer"
                    + (check.latency() == null ? "" : " in " + check.latency().toSeconds() + " s");
            case AUTHENTICATION -> "login refused";
            case DATABASE_MISSING -> "no such database";
            case TLS -> "TLS handshake failed";
            case SERVER_NOT_READY -> "server starting or stopping";
            case TOO_MANY_CONNECTIONS -> "no free connection slot";
            case LAB_INSTANCE_STOPPED -> "stopped";
            case OTHER -> firstSentence(check.message());
        };
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "failed";
        }
        int stop = message.indexOf(". ");
        String first = stop > 0 ? message.substring(0, stop) : message;
        return first.length() > 80 ? first.substring(0, 79) + "\u2026" : first;
    }

    /** Whether writes are allowed; for an unlocked guarded target, for how much longer. */
    public String writes() {
        if (!target.guarded()) {
            return "allowed";
        }
        return unlocked() ? "unlocked, " + unlock.remainingInWords(asOf) : "read-only";
    }

    /** Who unlocked writes, why, and until when (local time); empty when not unlocked. */
    public String unlockDetails() {
        if (!unlocked()) {
            return "";
        }
        return "Unlocked by " + unlock.osUser() + " until "
                + java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                        .withZone(java.time.ZoneId.systemDefault())
                        .format(unlock.expiresAt())
                + ": " + unlock.reason();
    }

    public boolean unlocked() {
        return target.guarded() && unlock != null && unlock.activeAt(asOf);
    }
}
