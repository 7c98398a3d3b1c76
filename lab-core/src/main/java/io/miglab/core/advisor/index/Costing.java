package io.miglab.core.advisor.index;

import java.util.Locale;

/** How candidates get their estimated costs. */
public enum Costing {
    /** HypoPG when the target has the extension, else real indexes on a lab instance. */
    AUTO,
    /** Hypothetical indexes (hypopg_create_index, EXPLAIN, hypopg_reset): nothing is built, only the session sees them. */
    HYPOPG,
    /** Build each candidate for real, re-plan, drop it: lab instances only. */
    REAL_INDEX;

    /** {@code auto}, {@code hypopg}, {@code real-index}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Costing parse(String text, String what) {
        for (Costing c : values()) {
            if (c.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return c;
            }
        }
        throw new io.miglab.core.MigLabException(what + " must be auto, hypopg or real-index, not '" + text + "'.");
    }
}
