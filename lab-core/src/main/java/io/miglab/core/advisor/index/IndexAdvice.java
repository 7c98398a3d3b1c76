package io.miglab.core.advisor.index;

import java.util.List;

/**
 * What the advisor found, and the experiment holding it.
 *
 * @param costing how the candidates were costed: {@link Costing#HYPOPG} or {@link Costing#REAL_INDEX}
 * @param statements per workload statement: its estimated cost with the existing indexes, or why it was not explained
 * @param candidates every candidate, kept or rejected, with the reason
 * @param writable whether the target may be changed now; when not, the advice is SQL only
 */
public record IndexAdvice(
        long experimentId,
        String target,
        String database,
        String workload,
        Costing costing,
        double minSavingPercent,
        List<Explained> statements,
        List<IndexCandidate> candidates,
        boolean writable) {
    public IndexAdvice {
        statements = List.copyOf(statements);
        candidates = List.copyOf(candidates);
    }

    /** The advised set, in the order found. */
    public List<IndexCandidate> kept() {
        return candidates.stream().filter(IndexCandidate::kept).toList();
    }

    /** The advised set's indexes. */
    public List<IndexSpec> keptIndexes() {
        return kept().stream().map(IndexCandidate::index).toList();
    }

    /** The advised set as a script: one CREATE INDEX CONCURRENTLY per line. */
    public String sql() {
        StringBuilder out = new StringBuilder();
        for (IndexSpec i : keptIndexes()) {
            out.append(i.createConcurrentlySql()).append(";\n");
        }
        return out.toString();
    }

    /**
     * One workload statement as the advisor explained it.
     *
     * @param cost the plan's total cost with the existing indexes, or null when it could not be explained
     * @param problem why it was not explained (a write statement, an error), or null
     */
    public record Explained(String statement, Double cost, String problem) {}
}
