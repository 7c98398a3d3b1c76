package io.miglab.core.targets;

import java.time.Instant;

/**
 * A user's permission to write to a guarded target, recorded in the ledger: who (the operating-system user), why,
 * when, and until when. It ends when it expires or the user locks the target again.
 */
public record WriteUnlock(
        long id, String targetName, Instant unlockedAt, Instant expiresAt, String reason, String osUser) {

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
