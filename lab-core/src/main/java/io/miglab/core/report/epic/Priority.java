package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.Locale;

/** A story's priority with the emoji spectryn uses for it. */
public enum Priority {
    CRITICAL("🔴", "Critical"),
    HIGH("🟡", "High"),
    MEDIUM("🟢", "Medium"),
    LOW("⚪", "Low");

    private final String emoji;
    private final String label;

    Priority(String emoji, String label) {
        this.emoji = emoji;
        this.label = label;
    }

    public String emoji() {
        return emoji;
    }

    public String label() {
        return label;
    }

    public String cell() {
        return emoji + " " + label;
    }

    /** Reads {@code 🟡 High}, {@code high}, {@code 🟡} or {@code P1}; an unknown one is an error naming where. */
    public static Priority parse(String text, String where) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Priority p : values()) {
            if (!t.isEmpty() && t.startsWith(p.emoji)) {
                return p;
            }
        }
        String words = t.replaceAll("[^\\p{L}\\p{N} ]", " ").strip();
        return switch (words) {
            case "critical", "highest", "blocker", "p0" -> CRITICAL;
            case "high", "p1" -> HIGH;
            case "medium", "normal", "p2" -> MEDIUM;
            case "low", "lowest", "minor", "p3" -> LOW;
            default -> throw new MigLabException(where + ": '" + text.strip()
                    + "' is not a priority; expected 🔴 Critical, 🟡 High, 🟢 Medium or ⚪ Low.");
        };
    }
}
