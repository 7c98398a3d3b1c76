package io.miglab.core.targets;

import java.time.Duration;
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

    /** How long the unlock still lasts at {@code now}; zero once it has expired. */
    public Duration remainingAt(Instant now) {
        return activeAt(now) ? Duration.between(now, expiresAt) : Duration.ZERO;
    }

    /**
     * The time left in words, rounded up to the minute so it never reads "0 min" while writes are still allowed:
     * "52 min left", "3 h 5 min left", "expired".
     */
    public String remainingInWords(Instant now) {
        Duration left = remainingAt(now);
        if (left.isZero()) {
            return "expired";
        }
        long minutes = left.toMinutes() + (left.equals(Duration.ofMinutes(left.toMinutes())) ? 0 : 1);
        if (minutes <= 60) {
            return minutes + " min left";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") + " left";
    }
}
