package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.Locale;

/**
 * Where a story or subtask stands, with the emoji spectryn writes and reads in its Markdown (✅ Done, 🔄 In Progress,
 * 📋 Planned, ...).
 */
public enum Status {
    PLANNED("📋", "Planned"),
    OPEN("📂", "Open"),
    IN_PROGRESS("🔄", "In Progress"),
    IN_REVIEW("👀", "In Review"),
    DONE("✅", "Done"),
    CANCELLED("❌", "Cancelled");

    private final String emoji;
    private final String label;

    Status(String emoji, String label) {
        this.emoji = emoji;
        this.label = label;
    }

    public String emoji() {
        return emoji;
    }

    public String label() {
        return label;
    }

    /** How it appears in a table cell: {@code ✅ Done}. */
    public String cell() {
        return emoji + " " + label;
    }

    /**
     * Reads a status written with its emoji, its words or both ({@code ✅ Done}, {@code done}, {@code 🔄},
     * {@code To Do}); null when the text names none of them.
     */
    public static Status parseOrNull(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        // Words win over the emoji, as in spectryn: "📋 To Do" is To Do.
        String words =
                t.replaceAll("[^\\p{L}\\p{N}' ]", " ").replaceAll("\\s+", " ").strip();
        Status named =
                switch (words) {
                    case "planned", "not started", "backlog" -> PLANNED;
                    case "open", "to do", "todo", "new" -> OPEN;
                    case "in progress", "inprogress", "active", "wip", "doing" -> IN_PROGRESS;
                    case "in review", "review", "testing" -> IN_REVIEW;
                    case "done", "complete", "completed", "closed", "resolved" -> DONE;
                    case "cancelled", "canceled", "won't do", "wont do", "won't fix" -> CANCELLED;
                    default -> null;
                };
        if (named != null || !words.isEmpty()) {
            return named;
        }
        for (Status s : values()) {
            if (t.startsWith(s.emoji)) {
                return s;
            }
        }
        return null;
    }

    /** Like {@link #parseOrNull} but a status it cannot read is an error naming {@code where}. */
    public static Status parse(String text, String where) {
        Status s = parseOrNull(text);
        if (s == null) {
            throw new MigLabException(where + ": '" + text.strip() + "' is not a status; expected one of ✅ Done,"
                    + " 🔄 In Progress, 👀 In Review, 📂 Open / To Do, 📋 Planned, ❌ Cancelled.");
        }
        return s;
    }
}
