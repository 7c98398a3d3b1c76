package io.miglab.core.plan.render;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.FindingText;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.analysis.PlanAnalysis;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text view of an analysed plan for the CLI: one line per node with its exclusive and inclusive time, share,
 * rows actual and planned and loops, indented like PostgreSQL's own TEXT format; then the findings with their
 * thresholds.
 */
public final class PlanTextRenderer {

    private PlanTextRenderer() {}

    public static String render(Plan plan, PlanAnalysis analysis, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        if (analysis.timed()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%9s %9s %6s %12s %12s %8s  %s%n",
                    "excl ms",
                    "incl ms",
                    "share",
                    "rows",
                    "planned",
                    "loops",
                    "node"));
        } else {
            sb.append(String.format(
                    Locale.ROOT,
                    "%12s %12s %6s %12s %8s  %s%n",
                    "excl cost",
                    "total cost",
                    "share",
                    "planned",
                    "loops",
                    "node"));
        }
        line(sb, plan.root(), analysis, 0, null);
        sb.append(System.lineSeparator());
        if (analysis.planningTime() != null) {
            sb.append(String.format(Locale.ROOT, "Planning time:  %.3f ms%n", analysis.planningTime()));
        }
        if (analysis.executionTime() != null) {
            sb.append(String.format(Locale.ROOT, "Execution time: %.3f ms%n", analysis.executionTime()));
        }
        sb.append(System.lineSeparator());
        sb.append(FindingText.render(findings));
        return sb.toString();
    }

    private static void line(StringBuilder sb, PlanNode node, PlanAnalysis analysis, int depth, String label) {
        NodeMetrics m = analysis.nodes().get(node.id());
        String indent = "  ".repeat(depth);
        if (label != null) {
            sb.append(String.format(Locale.ROOT, "%s%s  %s%n", blank(analysis), indent, label));
        }
        String figures;
        if (analysis.timed()) {
            figures = String.format(
                    Locale.ROOT,
                    "%9s %9s %6s %12s %12s %8s",
                    ms(m.exclusiveTime()),
                    ms(m.inclusiveTime()),
                    pct(m.timeShare()),
                    count(node.number(PlanFields.ACTUAL_ROWS)),
                    count(node.number(PlanFields.PLAN_ROWS)),
                    m.loops() < 0 ? "" : String.valueOf(m.loops()));
        } else {
            figures = String.format(
                    Locale.ROOT,
                    "%12.2f %12.2f %6s %12s %8s",
                    m.exclusiveCost(),
                    node.number(PlanFields.TOTAL_COST, 0),
                    pct(m.costShare()),
                    count(node.number(PlanFields.PLAN_ROWS)),
                    m.loops() < 0 ? "" : String.valueOf(m.loops()));
        }
        String arrow = depth == 0 ? "" : "-> ";
        sb.append(figures)
                .append("  ")
                .append(indent)
                .append(arrow)
                .append('#')
                .append(node.id())
                .append(' ')
                .append(node.label());
        if (m.neverExecuted()) {
            sb.append("  (never executed)");
        }
        sb.append(System.lineSeparator());
        for (PlanNode child : node.children()) {
            String childLabel = child.isSubplanRoot() ? child.subplanName() : null;
            line(sb, child, analysis, depth + 1, childLabel);
        }
    }

    private static String blank(PlanAnalysis analysis) {
        return " "
                .repeat(
                        analysis.timed()
                                ? 9 + 1 + 9 + 1 + 6 + 1 + 12 + 1 + 12 + 1 + 8
                                : 12 + 1 + 12 + 1 + 6 + 1 + 12 + 1 + 8);
    }

    private static String ms(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String count(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%d", v.longValue())
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
