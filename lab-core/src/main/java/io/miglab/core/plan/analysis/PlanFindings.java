package io.miglab.core.plan.analysis;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.finding.Subject;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.IndexDefinition;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a plan and its analysis into findings, with the thresholds users know from PEV2 and explain.depesz.com:
 * share of time (or of cost, without ANALYZE) 10/50/90 %, misestimates 10/100/1000x, rows removed by a filter
 * 50/90 %; plus hash joins in several batches, sorts spilling to disk, heap fetches in index-only scans, sequential
 * scans of large tables through selective filters and nested loops that run their inner side many times; and, with
 * the index definitions, btree scans whose condition skips the index's first column, and backward index scans
 * that serve an ORDER BY while filtering.
 *
 * <p>A share alone cries wolf: a 0.2 ms index scan is 90 % of a 0.22 ms plan. The time (and cost) findings must
 * also pass an absolute floor per level, and take the lower of the two levels.
 */
public final class PlanFindings {
    /** A sequential scan reading at least this many rows counts as a scan of a large table. */
    public static final double LARGE_SCAN_ROWS = 10_000;
    /** ... and a filter keeping at most this fraction of them as selective. */
    public static final double SELECTIVE_FRACTION = 0.10;
    /** Inner-side executions of a nested loop that make it worth a look, and worth a warning. */
    public static final long MANY_LOOPS = 1_000;

    public static final long VERY_MANY_LOOPS = 100_000;

    /** Shares of the total time (or cost) for info, warning and critical. */
    public static final double[] SHARE_LEVELS = {0.10, 0.50, 0.90};
    /** Own time in ms for info, warning and critical: the floor of a slow node, the ladder of the index findings. */
    public static final double[] OWN_TIME_FLOORS_MS = {1, 10, 100};
    /** A node's own estimated cost it must also reach, without ANALYZE timing. */
    public static final double[] OWN_COST_FLOORS = {100, 1_000, 10_000};

    /** Node types that read all their input before returning a row: a LIMIT above them cannot stop what is below. */
    private static final Set<String> BLOCKING = Set.of("Sort", "Hash", "Materialize", "SetOp");

    private static final String TIME_LADDER = "warning from 10 ms of own time, critical from 100 ms";

    private PlanFindings() {}

    /** The findings the plan alone shows. */
    public static List<Finding> find(Plan plan, PlanAnalysis analysis) {
        return find(plan, analysis, IndexCatalog.EMPTY);
    }

    /** The findings of the plan, with the definitions of the indexes it uses where they are known. */
    public static List<Finding> find(Plan plan, PlanAnalysis analysis, IndexCatalog indexes) {
        Map<Integer, PlanNode> parents = new HashMap<>();
        for (PlanNode node : plan.nodes()) {
            for (PlanNode child : node.children()) {
                parents.put(child.id(), node);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (PlanNode node : plan.nodes()) {
            NodeMetrics m = analysis.nodes().get(node.id());
            if (m == null) {
                continue;
            }
            share(out, node, m, analysis);
            misestimate(out, node, m, parents);
            rowsRemoved(out, node, m);
            hashBatches(out, node);
            sortOnDisk(out, node);
            heapFetches(out, node, m);
            selectiveSeqScan(out, node, m);
            nestedLoop(out, node);
            IndexDefinition index = indexOf(node, parents, indexes);
            if (!backwardScanFilter(out, node, m, index)) {
                withoutLeadingColumn(out, node, m, index, parents);
            }
        }
        out.sort(Finding.ORDER);
        return List.copyOf(out);
    }

    private static Finding finding(
            String code,
            Severity severity,
            PlanNode node,
            String title,
            String evidence,
            String advice,
            String threshold,
            Double value) {
        return new Finding(
                code, severity, Subject.planNode(node.id(), node.label()), title, evidence, threshold, advice, value);
    }

    private static Severity level(double value, double info, double warning, double critical) {
        if (value >= critical) {
            return Severity.CRITICAL;
        }
        if (value >= warning) {
            return Severity.WARNING;
        }
        return value >= info ? Severity.INFO : null;
    }

    private static Severity level(double value, double[] levels) {
        return level(value, levels[0], levels[1], levels[2]);
    }

    /** The level of an own time, at least INFO: for findings that hold whatever the time, ranked by it. */
    private static Severity byOwnTime(NodeMetrics m) {
        if (m.exclusiveTime() == null) {
            return Severity.INFO;
        }
        Severity s = level(m.exclusiveTime(), OWN_TIME_FLOORS_MS);
        return s == null ? Severity.INFO : s;
    }

    private static void share(List<Finding> out, PlanNode node, NodeMetrics m, PlanAnalysis analysis) {
        if (analysis.timed() && m.timeShare() != null && m.exclusiveTime() != null) {
            Severity s = Severity.leastSevere(
                    level(m.timeShare(), SHARE_LEVELS), level(m.exclusiveTime(), OWN_TIME_FLOORS_MS));
            if (s != null) {
                out.add(finding(
                        "slow-node",
                        s,
                        node,
                        String.format(
                                Locale.ROOT,
                                "%s takes %.1f %% of the time (%.3f ms of its own)",
                                node.label(),
                                m.timeShare() * 100,
                                m.exclusiveTime()),
                        "This node's own work, without its children, is a large part of the query's time.",
                        suggestionForSlow(node),
                        "share of total time: 10 / 50 / 90 %, own time: 1 / 10 / 100 ms (info / warning /"
                                + " critical; the lower of the two levels)",
                        m.timeShare()));
            }
        } else if (!analysis.timed() && m.costShare() > 0) {
            Severity s =
                    Severity.leastSevere(level(m.costShare(), SHARE_LEVELS), level(m.exclusiveCost(), OWN_COST_FLOORS));
            if (s != null) {
                out.add(finding(
                        "costly-node",
                        s,
                        node,
                        String.format(
                                Locale.ROOT,
                                "%s carries %.1f %% of the estimated cost (%.2f of its own)",
                                node.label(),
                                m.costShare() * 100,
                                m.exclusiveCost()),
                        "The planner expects this node's own work to be a large part of the query's cost; without"
                                + " ANALYZE this is an estimate, not a measurement.",
                        "Run EXPLAIN ANALYZE to measure it; " + suggestionForSlow(node),
                        "share of total cost: 10 / 50 / 90 %, own cost: 100 / 1 000 / 10 000 (info / warning /"
                                + " critical; the lower of the two levels)",
                        m.costShare()));
            }
        }
    }

    private static String suggestionForSlow(PlanNode node) {
        String type = node.nodeType();
        if (type.equals("Seq Scan")) {
            return "If a filter keeps few rows, an index on the filtered columns lets PostgreSQL skip the rest.";
        }
        if (type.equals("Sort") || type.equals("Incremental Sort")) {
            return "An index matching the sort order avoids the sort; a larger work_mem keeps it in memory.";
        }
        if (type.equals("Hash Join") || type.equals("Hash")) {
            return "Check the row estimates of both sides and work_mem; hash the smaller side.";
        }
        if (type.equals("Nested Loop")) {
            return "Check the outer side's row estimate; an index on the inner side's join column helps.";
        }
        return "Look at what this node does per row and how many rows reach it.";
    }

    private static void misestimate(List<Finding> out, PlanNode node, NodeMetrics m, Map<Integer, PlanNode> parents) {
        if (m.estimateFactor() == null) {
            return;
        }
        if (m.estimateDirection() == EstimateDirection.OVER && underLimit(node, parents)) {
            // The estimate is for a full run; a LIMIT above stopped the node early, which is what it is for.
            return;
        }
        Severity s = level(m.estimateFactor(), 10, 100, 1000);
        if (s == null) {
            return;
        }
        boolean under = m.estimateDirection() == EstimateDirection.UNDER;
        out.add(finding(
                "misestimate",
                s,
                node,
                String.format(
                        Locale.ROOT,
                        "%s: rows %s by %.0fx (planned %s, actual %s per loop)",
                        node.label(),
                        under ? "underestimated" : "overestimated",
                        m.estimateFactor(),
                        fmt(node.number(PlanFields.PLAN_ROWS, 0)),
                        fmt(node.number(PlanFields.ACTUAL_ROWS, 0))),
                under
                        ? "The planner expected far fewer rows, so it may have chosen a plan (often a nested loop)"
                                + " that suits few rows only."
                        : "The planner expected far more rows, so it may have chosen a plan that suits many rows"
                                + " (hashing, a sequential scan) or reserved memory it did not need.",
                "Run ANALYZE on the tables; raise the statistics target of the filtered columns (ALTER TABLE ..."
                        + " ALTER COLUMN ... SET STATISTICS 1000); for correlated columns, CREATE STATISTICS.",
                "estimate factor: 10 / 100 / 1000 x",
                m.estimateFactor()));
    }

    /**
     * Whether a LIMIT above the node can have stopped it early: a Limit among its ancestors with only streaming
     * nodes between (a Sort, a Hash, a hashed or plain Aggregate read everything first; a subplan runs on its own).
     */
    private static boolean underLimit(PlanNode node, Map<Integer, PlanNode> parents) {
        PlanNode child = node;
        PlanNode parent = parents.get(node.id());
        while (parent != null) {
            String type = parent.nodeType();
            if (type.equals("Limit")) {
                return true;
            }
            if (BLOCKING.contains(type)
                    || (type.equals("Aggregate") && !"Sorted".equals(parent.text(PlanFields.STRATEGY)))
                    || child.isSubplanRoot()) {
                return false;
            }
            child = parent;
            parent = parents.get(parent.id());
        }
        return false;
    }

    private static void rowsRemoved(List<Finding> out, PlanNode node, NodeMetrics m) {
        Double removed = m.rowsRemovedByFilter() != null ? m.rowsRemovedByFilter() : m.rowsRemovedByJoinFilter();
        String which = m.rowsRemovedByFilter() != null ? "Filter" : "Join Filter";
        if (removed == null || m.revisedRows() == null || removed <= 0) {
            return;
        }
        double fraction = removed / (removed + m.revisedRows());
        Severity s = level(fraction, 2, 0.50, 0.90);
        if (s == null) {
            return;
        }
        out.add(finding(
                "rows-removed",
                s,
                node,
                String.format(
                        Locale.ROOT,
                        "%s: the %s removed %.1f %% of the rows it read (%s of %s)",
                        node.label(),
                        which,
                        fraction * 100,
                        fmt(removed),
                        fmt(removed + m.revisedRows())),
                "The node reads rows only to throw most of them away.",
                "An index on the filtered columns (or a partial index matching the condition) reads only the rows"
                        + " that are kept.",
                "rows removed by filter: 50 / 90 %",
                fraction));
    }

    private static void hashBatches(List<Finding> out, PlanNode node) {
        double batches = node.number(PlanFields.HASH_BATCHES, 0);
        if (batches <= 1) {
            return;
        }
        out.add(finding(
                "hash-batches",
                Severity.WARNING,
                node,
                String.format(Locale.ROOT, "%s used %s batches", node.label(), fmt(batches)),
                "The hash table did not fit in work_mem x hash_mem_multiplier, so both sides were split into batches"
                        + " written to temporary files.",
                "Raise work_mem for this query (SET LOCAL work_mem), or make the hashed side smaller.",
                "hash batches > 1",
                batches));
    }

    private static void sortOnDisk(List<Finding> out, PlanNode node) {
        String type = node.text(PlanFields.SORT_SPACE_TYPE);
        String method = node.text(PlanFields.SORT_METHOD);
        boolean disk = "Disk".equals(type) || (method != null && method.startsWith("external"));
        if (!disk) {
            return;
        }
        double used = node.number(PlanFields.SORT_SPACE_USED, 0);
        out.add(finding(
                "sort-on-disk",
                Severity.WARNING,
                node,
                String.format(Locale.ROOT, "%s spilled to disk (%s, %s kB)", node.label(), method, fmt(used)),
                "The rows to sort did not fit in work_mem, so the sort wrote and re-read temporary files.",
                String.format(
                        Locale.ROOT,
                        "Raise work_mem above about %s kB for this query, or add an index that returns the rows in"
                                + " order.",
                        fmt(Math.ceil(used * 1.5))),
                "sort space type = Disk",
                used));
    }

    private static void heapFetches(List<Finding> out, PlanNode node, NodeMetrics m) {
        if (!node.nodeType().equals("Index Only Scan")) {
            return;
        }
        double fetches = node.number(PlanFields.HEAP_FETCHES, 0);
        if (fetches <= 0) {
            return;
        }
        double rows = m.revisedRows() == null ? 0 : m.revisedRows();
        double fraction = rows > 0 ? Math.min(1, fetches / rows) : 1;
        Severity s = fraction >= 0.5 ? Severity.WARNING : Severity.INFO;
        out.add(finding(
                "heap-fetches",
                s,
                node,
                String.format(
                        Locale.ROOT,
                        "%s fetched %s rows from the table (%.0f %% of the rows)",
                        node.label(),
                        fmt(fetches),
                        fraction * 100),
                "An index-only scan must visit the table for pages not marked all-visible in the visibility map;"
                        + " it is then no better than an index scan.",
                "VACUUM the table (autovacuum may lag behind recent writes) so the visibility map is up to date.",
                "heap fetches > 0; warning from 50 % of the rows",
                fetches));
    }

    private static void selectiveSeqScan(List<Finding> out, PlanNode node, NodeMetrics m) {
        if (!node.nodeType().equals("Seq Scan") || m.rowsRemovedByFilter() == null || m.revisedRows() == null) {
            return;
        }
        double read = m.rowsRemovedByFilter() + m.revisedRows();
        if (read < LARGE_SCAN_ROWS) {
            return;
        }
        double kept = m.revisedRows() / read;
        if (kept > SELECTIVE_FRACTION) {
            return;
        }
        out.add(finding(
                "selective-seq-scan",
                kept <= 0.01 ? Severity.CRITICAL : Severity.WARNING,
                node,
                String.format(
                        Locale.ROOT,
                        "%s read %s rows to keep %s (%.2f %%)",
                        node.label(),
                        fmt(read),
                        fmt(m.revisedRows()),
                        kept * 100),
                "A sequential scan reads the whole table even though the filter keeps only a few rows.",
                "Create an index on the columns of the filter " + parenthesised(node.text(PlanFields.FILTER))
                        + "; then compare plans and timings before and after.",
                "table rows read >= 10 000 and rows kept <= 10 % (critical <= 1 %)",
                kept));
    }

    private static String parenthesised(String condition) {
        if (condition == null) {
            return "";
        }
        return condition.startsWith("(") ? condition : "(" + condition + ")";
    }

    private static void nestedLoop(List<Finding> out, PlanNode node) {
        if (!node.nodeType().equals("Nested Loop")) {
            return;
        }
        PlanNode inner = null;
        for (PlanNode child : node.children()) {
            if ("Inner".equals(child.parentRelationship())) {
                inner = child;
            }
        }
        if (inner == null) {
            return;
        }
        double loops = inner.number(PlanFields.ACTUAL_LOOPS, 0);
        if (loops < MANY_LOOPS) {
            return;
        }
        out.add(finding(
                "nested-loop-many-loops",
                loops >= VERY_MANY_LOOPS ? Severity.WARNING : Severity.INFO,
                node,
                String.format(
                        Locale.ROOT, "%s ran its inner side (%s) %s times", node.label(), inner.label(), fmt(loops)),
                "A nested loop runs its inner side once per outer row; it suits few outer rows and an indexed inner"
                        + " side.",
                "Check the outer row estimate (a misestimate there often causes this); an index on the inner join"
                        + " column, or a hash join (more work_mem), may do better.",
                "inner loops >= 1 000 (warning from 100 000)",
                loops));
    }

    // ---- index scans that do not use their index well -------------------------------------------------------------

    private static boolean isIndexScan(PlanNode node) {
        String type = node.nodeType();
        return type.equals("Index Scan") || type.equals("Index Only Scan") || type.equals("Bitmap Index Scan");
    }

    /** The Bitmap Heap Scan above a Bitmap Index Scan (through BitmapAnd/Or), which names the table. */
    private static PlanNode relationNode(PlanNode node, Map<Integer, PlanNode> parents) {
        PlanNode n = node;
        while (n != null
                && n.text(PlanFields.RELATION_NAME) == null
                && !n.nodeType().equals("Bitmap Heap Scan")) {
            n = parents.get(n.id());
        }
        return n == null ? node : n;
    }

    private static IndexDefinition indexOf(PlanNode node, Map<Integer, PlanNode> parents, IndexCatalog indexes) {
        String name = node.text(PlanFields.INDEX_NAME);
        if (name == null || !isIndexScan(node)) {
            return null;
        }
        PlanNode relation = relationNode(node, parents);
        Optional<IndexDefinition> found =
                indexes.find(name, relation.text(PlanFields.SCHEMA), relation.text(PlanFields.RELATION_NAME));
        return found.orElse(null);
    }

    private static Set<String> qualifiers(PlanNode node) {
        Set<String> q = new LinkedHashSet<>();
        for (String field : List.of(PlanFields.ALIAS, PlanFields.RELATION_NAME)) {
            if (node.text(field) != null) {
                q.add(node.text(field));
            }
        }
        return q;
    }

    /**
     * The index's key columns the Index Cond constrains, in index order; null when the leading column is among them
     * or nothing can be said (no condition, not a btree, an expression first, no key column in the condition).
     */
    private static List<String> constrainedWithoutLeading(PlanNode node, PlanNode relation, IndexDefinition index) {
        String cond = node.text("Index Cond");
        if (index == null || !index.btree() || cond == null || index.leadingColumn() == null) {
            return null;
        }
        Set<String> used = ConditionColumns.of(cond, qualifiers(relation));
        if (used.contains(index.leadingColumn())) {
            return null;
        }
        List<String> keys =
                index.plainKeyColumns().stream().filter(used::contains).toList();
        return keys.isEmpty() ? null : keys;
    }

    private static void withoutLeadingColumn(
            List<Finding> out, PlanNode node, NodeMetrics m, IndexDefinition index, Map<Integer, PlanNode> parents) {
        PlanNode relation = relationNode(node, parents);
        List<String> used = constrainedWithoutLeading(node, relation, index);
        if (used == null) {
            return;
        }
        String keys = String.join(", ", index.keyColumns());
        out.add(finding(
                "index-without-leading-column",
                byOwnTime(m),
                node,
                String.format(
                        Locale.ROOT,
                        "%s: the Index Cond does not constrain the index's first column %s",
                        node.label(),
                        index.keyColumns().get(0)),
                String.format(
                        Locale.ROOT,
                        "%s is a btree on (%s); the Index Cond %s constrains %s but not %s, so the scan cannot descend"
                                + " the tree to the matching entries: it reads the whole index and checks every"
                                + " entry%s.",
                        index.name(),
                        keys,
                        parenthesised(node.text("Index Cond")),
                        idents(used),
                        index.keyColumns().get(0),
                        timeAndBuffers(m)),
                String.format(
                        Locale.ROOT,
                        "An index that leads with the constrained column%s (CREATE INDEX ON %s (%s)) reads only the"
                                + " matching entries; or, when the query can, add a condition on %s.",
                        used.size() == 1 ? "" : "s",
                        index.table() == null ? "the table" : ident(index.table()),
                        idents(used),
                        index.keyColumns().get(0)),
                "btree Index Cond without the index's first key column; " + TIME_LADDER,
                m.exclusiveTime()));
    }

    /**
     * An index scanned backwards to return rows in descending order (for an ORDER BY ... DESC, usually under a
     * LIMIT) while a Filter throws rows away, or while the Index Cond skips the index's first column: when the rows
     * that match are few or far from the end, the scan reads most of the index and the table. Returns whether it
     * raised a finding (then the leading-column finding would only repeat it).
     */
    private static boolean backwardScanFilter(List<Finding> out, PlanNode node, NodeMetrics m, IndexDefinition index) {
        String type = node.nodeType();
        if (!(type.equals("Index Scan") || type.equals("Index Only Scan"))
                || !"Backward".equals(node.text(PlanFields.SCAN_DIRECTION))) {
            return false;
        }
        String filter = node.text(PlanFields.FILTER);
        Double removed = m.rowsRemovedByFilter();
        boolean filtering = filter != null && (m.loops() < 0 || (removed != null && removed > 0));
        List<String> laterColumns = constrainedWithoutLeading(node, node, index);
        if (!filtering && laterColumns == null) {
            return false;
        }
        List<String> filtered = new ArrayList<>(ConditionColumns.of(filter, qualifiers(node)));
        if (laterColumns != null) {
            filtered.addAll(
                    0, laterColumns.stream().filter(c -> !filtered.contains(c)).toList());
        }
        List<String> order = index == null
                ? List.of()
                : index.keyColumns().stream()
                        .filter(k -> !filtered.contains(IndexDefinition.plainColumnOf(k)))
                        .toList();
        // Without the index's definition the order columns are unknown: name the filtered ones and say what follows.
        String suggested = order.isEmpty()
                ? idents(filtered) + " first, then the ORDER BY columns"
                : "CREATE INDEX ON " + ident(index.table()) + " (" + idents(filtered) + ", " + String.join(", ", order)
                        + ")";
        String what;
        if (filtering && removed != null) {
            what = String.format(
                    Locale.ROOT,
                    "%s: walked the index backwards and the Filter removed %s rows to return %s",
                    node.label(),
                    fmt(removed),
                    fmt(m.revisedRows() == null ? 0 : m.revisedRows()));
        } else if (filtering) {
            what = node.label() + ": walks the index backwards and filters the rows it reads";
        } else {
            what = String.format(
                    Locale.ROOT,
                    "%s: walked the index backwards with a condition on %s but not on its first column %s",
                    node.label(),
                    idents(laterColumns),
                    index.keyColumns().get(0));
        }
        String checks = filtering
                ? "checks the Filter " + parenthesised(filter) + " on every row it reads"
                : "checks the Index Cond " + parenthesised(node.text("Index Cond")) + " on every entry, as "
                        + index.keyColumns().get(0) + " is not constrained";
        out.add(finding(
                "backward-scan-filter",
                byOwnTime(m),
                node,
                what,
                "The scan reads the index from its end to return rows in descending order (an ORDER BY ... DESC,"
                        + " usually with a LIMIT) and " + checks + ": when the matching rows are few, or far from"
                        + " the end, it reads most of the index" + (filtering ? " and the table" : "")
                        + " before the LIMIT is met" + timeAndBuffers(m) + ".",
                filtered.isEmpty()
                        ? "An index on the filtered columns followed by the ORDER BY columns finds the matching rows"
                                + " already in order."
                        : String.format(
                                Locale.ROOT,
                                "An index on the filtered column%s followed by the ORDER BY columns (%s) finds the"
                                        + " matching rows already in order; a partial index matching the filter is"
                                        + " smaller still.",
                                filtered.size() == 1 ? "" : "s",
                                suggested),
                "backward index scan with a Filter that removed rows, or with an Index Cond without the first key"
                        + " column; " + TIME_LADDER,
                m.exclusiveTime()));
        return true;
    }

    /** A raw name as SQL writes it: as it is when PostgreSQL would not quote it, else double-quoted. */
    private static String ident(String raw) {
        return raw.matches("[a-z_][a-z0-9_$]*") ? raw : '"' + raw.replace("\"", "\"\"") + '"';
    }

    private static String idents(List<String> raw) {
        return String.join(", ", raw.stream().map(PlanFindings::ident).toList());
    }

    private static String timeAndBuffers(NodeMetrics m) {
        StringBuilder sb = new StringBuilder();
        if (m.exclusiveTime() != null) {
            sb.append(String.format(Locale.ROOT, "%.3f ms of its own", m.exclusiveTime()));
        }
        double blocks = m.exclusiveSharedBlocks();
        if (blocks > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(fmt(blocks)).append(" shared blocks");
        }
        return sb.length() == 0 ? "" : " (" + sb + ")";
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
