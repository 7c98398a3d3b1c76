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

    public String state() {
        if (target.labInstance() && !running) {
            return "stopped";
        }
        if (testFailed()) {
            return "test failed";
        }
        return target.labInstance() ? "running" : "external";
    }

    /** Whether writes are allowed; for an unlocked guarded target, for how much longer. */
    public String writes() {
        if (!target.guarded()) {
            return "allowed";
        }
        return unlocked() ? "unlocked, " + unlock.remainingInWords(asOf) : "read-only";
    }

    public boolean unlocked() {
        return target.guarded() && unlock != null && unlock.activeAt(asOf);
    }
}
