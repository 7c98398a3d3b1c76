package io.miglab.core.targets;

/**
 * Whether writes to a target are allowed at this moment. A guarded target's connections ask before every statement
 * and every transaction, so a lock or an expired unlock stops writes within one statement, not at the next connect.
 */
@FunctionalInterface
public interface WriteAccess {

    boolean allowedNow();

    /** A lab target: MigLab may always write. */
    static WriteAccess always() {
        return () -> true;
    }

    /** A guarded target nobody unlocked. */
    static WriteAccess never() {
        return () -> false;
    }
}
