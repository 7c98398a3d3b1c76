package io.miglab.core.finding;

import java.util.List;

/**
 * Findings as plain text, the same for every command that prints them:
 *
 * <pre>
 * Findings:
 *   [WARNING] #4 Hash Join takes 76.9 % of the time (90.511 ms of its own)
 *       This node's own work, without its children, is a large part of the query's time.
 *       Try: Check the row estimates of both sides and work_mem; hash the smaller side.
 *       Threshold: share of total time: 10 / 50 / 90 %, own time: 1 / 10 / 100 ms (...)
 * </pre>
 *
 * A plan node's title names the node but not its id, so the id is put in front; other titles name their subject.
 */
public final class FindingText {
    private static final String NL = System.lineSeparator();

    private FindingText() {}

    /** "Findings:" and one block per finding, or "No findings." */
    public static String render(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "No findings." + NL;
        }
        StringBuilder sb = new StringBuilder("Findings:").append(NL);
        for (Finding f : findings) {
            sb.append(block(f));
        }
        return sb.toString();
    }

    /** One finding: the headline, then its evidence, advice and threshold, indented. */
    public static String block(Finding f) {
        StringBuilder sb = new StringBuilder("  [").append(f.severity()).append("] ");
        if (f.subject().planNodeId().isPresent()) {
            sb.append('#').append(f.subject().key()).append(' ');
        }
        sb.append(f.title()).append(NL);
        sb.append("      ").append(f.evidence()).append(NL);
        if (f.advice() != null) {
            sb.append("      Try: ").append(f.advice()).append(NL);
        }
        if (f.threshold() != null) {
            sb.append("      Threshold: ").append(f.threshold()).append(NL);
        }
        return sb.toString();
    }
}
