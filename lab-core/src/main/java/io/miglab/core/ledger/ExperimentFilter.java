package io.miglab.core.ledger;

/**
 * Which experiments to list. Null fields do not filter. {@code text} matches title, kind, target and tags,
 * case-insensitively. {@code limit} keeps the newest that many, 0 keeps all.
 */
public record ExperimentFilter(String kind, ExperimentStatus status, String targetName, String text, int limit) {
    public static final ExperimentFilter ALL = new ExperimentFilter(null, null, null, null, 0);

    public ExperimentFilter {
        if (limit < 0) {
            throw new io.miglab.core.MigLabException("A list limit must be 0 (all) or more, not " + limit + ".");
        }
    }

    public ExperimentFilter withLimit(int newLimit) {
        return new ExperimentFilter(kind, status, targetName, text, newLimit);
    }

    public ExperimentFilter withText(String newText) {
        return new ExperimentFilter(kind, status, targetName, newText, limit);
    }
}
