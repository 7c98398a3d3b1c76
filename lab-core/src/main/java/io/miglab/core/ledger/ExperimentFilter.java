package io.miglab.core.ledger;

/**
 * Which experiments to list. Null fields do not filter. {@code text} matches title, kind, target and tags,
 * case-insensitively.
 */
public record ExperimentFilter(String kind, ExperimentStatus status, String targetName, String text, int limit) {
    public static final ExperimentFilter ALL = new ExperimentFilter(null, null, null, null, 0);

    public ExperimentFilter withText(String newText) {
        return new ExperimentFilter(kind, status, targetName, newText, limit);
    }
}
