package io.miglab.app.targets;

import io.miglab.core.targets.Target;
import io.miglab.core.targets.WriteUnlock;

/**
 * A target as the Targets page lists it.
 *
 * @param running for lab instances, whether the server runs; external targets are always "true" here (unknown)
 * @param unlock the active write unlock of a guarded target, or null
 */
public record TargetRow(Target target, boolean running, WriteUnlock unlock) {
    public String name() {
        return target.name();
    }

    public String kind() {
        return target.labInstance() ? "lab instance" : "external";
    }

    public String state() {
        if (!target.labInstance()) {
            return "external";
        }
        return running ? "running" : "stopped";
    }

    public String writes() {
        if (!target.guarded()) {
            return "allowed";
        }
        return unlock == null
                ? "read-only"
                : "unlocked until " + unlock.expiresAt().toString().substring(11, 16) + " UTC";
    }
}
