package io.miglab.core.advisor.index;

import java.util.List;

/**
 * A finished undo and its experiment ({@value IndexAdvisor#UNDO_KIND}).
 *
 * @param statements the DROP INDEX CONCURRENTLY statements that ran
 */
public record IndexUndo(long experimentId, List<String> statements, double elapsedMs) {
    public IndexUndo {
        statements = List.copyOf(statements);
    }
}
