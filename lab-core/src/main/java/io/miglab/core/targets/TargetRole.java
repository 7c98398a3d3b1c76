package io.miglab.core.targets;

import io.miglab.core.MigLabException;
import java.util.Locale;

/** What MigLab may do on a target. */
public enum TargetRole {
    /** Disposable: MigLab may write, build indexes and change settings freely. */
    LAB,
    /** Someone's real database: read-only transactions unless the user unlocks writes for it. */
    GUARDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetRole parse(String text) {
        for (TargetRole role : values()) {
            if (role.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return role;
            }
        }
        throw new MigLabException("'" + text + "' is not a target role; use lab or guarded.");
    }
}
