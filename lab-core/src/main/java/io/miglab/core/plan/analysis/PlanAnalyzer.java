package io.miglab.core.plan.analysis;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes {@link PlanAnalysis} from a plan with the rules PEV2 and explain.depesz.com apply, corrected where real
 * plans showed them double counting (docs/decisions/0005-plan-exclusive-time.md):
 *
 * <ul>
 *   <li>inclusive time = actual total time x loops / (workers launched + 1), the workers being those of the
 *       nearest Gather or Gather Merge above the node;
 *   <li>exclusive time = inclusive time minus the children's inclusive time, never below 0. A CTE (an InitPlan
 *       named "CTE ...") is not subtracted from the node it hangs under: its time is inside the CTE Scans that read
 *       it, and each CTE Scan gives up a share of the CTE's time in proportion to its own time. Any other InitPlan is
 *       subtracted from the node that evaluates it: the first node at or under its parent that mentions one of the
 *       parameters it returns ({@code $0}, or {@code (InitPlan 1)} from PostgreSQL 17), else its parent. With the
 *       same rule for buffers, I/O times and WAL, the exclusive values add up to the root's;
 *   <li>revised rows = rows x loops, and likewise rows removed by a filter;
 *   <li>estimate factor = max(actual/plan, plan/actual) per loop, zero counts taken as one row.
 * </ul>
 *
 * It never throws on a plan the parser accepted: missing or odd fields only leave metrics empty.
 */
public final class PlanAnalyzer {
    private static final Pattern RETURNS = Pattern.compile("\\(returns ([^)]*)\\)");
    private static final Pattern INITPLAN_NAME = Pattern.compile("^(InitPlan \\d+)");

    private PlanAnalyzer() {}

    public static PlanAnalysis analyze(Plan plan) {
        return new Run(plan).analyze();
    }

    private static final class Run {
        private final Plan plan;
        private final List<PlanNode> nodes;
        private final Map<Integer, Integer> workers = new HashMap<>();
        /** Extra subtractions per evaluating node: the InitPlan roots whose time it contains. */
        private final Map<Integer, List<PlanNode>> evaluated = new HashMap<>();
        /** CTE name -> the CTE's root node. */
        private final Map<String, PlanNode> ctes = new HashMap<>();
        /** CTE name -> the CTE Scans reading it. */
        private final Map<String, List<PlanNode>> cteScans = new HashMap<>();
        /** InitPlan root id -> the node that evaluates it. */
        private final Map<Integer, PlanNode> evaluatorOf = new HashMap<>();
        /** Inclusive times capped at the parent's (or evaluator's): see {@link #cap}. */
        private final Map<Integer, Double> capped = new HashMap<>();

        Run(Plan plan) {
            this.plan = plan;
            this.nodes = plan.nodes();
        }

        PlanAnalysis analyze() {
            index(plan.root(), 0);
            capAll();
            boolean timed = nodes.stream().anyMatch(n -> n.number(PlanFields.ACTUAL_TOTAL_TIME) != null);
            boolean analyzed = nodes.stream().anyMatch(n -> n.number(PlanFields.ACTUAL_LOOPS) != null);
            Double rootTime = inclusiveTime(plan.root());
            double totalCost = plan.root().number(PlanFields.TOTAL_COST, 0);
            Map<Integer, NodeMetrics> out = new LinkedHashMap<>();
            for (PlanNode node : nodes) {
                out.put(node.id(), metrics(node, rootTime, totalCost));
            }
            return new PlanAnalysis(
                    out, rootTime, totalCost, plan.executionTime(), plan.planningTime(), analyzed, timed);
        }

        private void index(PlanNode node, int gatherWorkers) {
            workers.put(node.id(), gatherWorkers);
            String type = node.nodeType();
            int below = gatherWorkers;
            if (type.equals("Gather") || type.equals("Gather Merge")) {
                Double launched = node.number(PlanFields.WORKERS_LAUNCHED);
                if (launched == null) {
                    launched = node.number(PlanFields.WORKERS_PLANNED);
                }
                below = launched == null || launched < 0 || launched > 10_000 ? 0 : launched.intValue();
            }
            if (type.equals("CTE Scan") && node.text(PlanFields.CTE_NAME) != null) {
                cteScans.computeIfAbsent(node.text(PlanFields.CTE_NAME), k -> new ArrayList<>())
                        .add(node);
            }
            for (PlanNode child : node.children()) {
                if (child.isCteRoot()) {
                    ctes.putIfAbsent(child.subplanName().substring(4).strip(), child);
                } else if ("InitPlan".equals(child.parentRelationship())) {
                    PlanNode evaluator = evaluator(node, child);
                    evaluated
                            .computeIfAbsent(evaluator.id(), k -> new ArrayList<>())
                            .add(child);
                    evaluatorOf.put(child.id(), evaluator);
                }
                index(child, child.isSubplanRoot() ? gatherWorkers : below);
            }
        }

        /** The first node at or under {@code parent} (outside the InitPlan itself) using a value it returns. */
        private PlanNode evaluator(PlanNode parent, PlanNode initPlan) {
            List<Pattern> tokens = paramTokens(initPlan.subplanName());
            if (tokens.isEmpty()) {
                return parent;
            }
            PlanNode found = search(parent, initPlan, tokens);
            return found == null ? parent : found;
        }

        private PlanNode search(PlanNode node, PlanNode skip, List<Pattern> tokens) {
            if (node == skip) {
                return null;
            }
            var props = node.properties();
            props.remove(PlanFields.SUBPLAN_NAME);
            String text = props.toString();
            for (Pattern token : tokens) {
                if (token.matcher(text).find()) {
                    return node;
                }
            }
            for (PlanNode child : node.children()) {
                PlanNode found = search(child, skip, tokens);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static List<Pattern> paramTokens(String subplanName) {
            List<Pattern> tokens = new ArrayList<>();
            if (subplanName == null) {
                return tokens;
            }
            Matcher returns = RETURNS.matcher(subplanName);
            if (returns.find()) {
                for (String param : returns.group(1).split(",")) {
                    String p = param.strip();
                    if (!p.isEmpty()) {
                        tokens.add(Pattern.compile(Pattern.quote(p) + "(?![0-9])"));
                    }
                }
            }
            Matcher name = INITPLAN_NAME.matcher(subplanName);
            if (name.find()) {
                tokens.add(Pattern.compile(Pattern.quote("(" + name.group(1) + ")")));
            }
            return tokens;
        }

        private NodeMetrics metrics(PlanNode node, Double rootTime, double rootCost) {
            Double inclusive = inclusiveTime(node);
            Double exclusive = null;
            if (inclusive != null) {
                exclusive = exclusiveOf(node, capped.getOrDefault(node.id(), inclusive), this::cappedTime);
            }
            Double share = exclusive == null || rootTime == null || rootTime <= 0 ? null : exclusive / rootTime;

            Double loopsValue = node.number(PlanFields.ACTUAL_LOOPS);
            long loops = loopsValue == null ? -1 : Math.max(0, Math.round(loopsValue));
            Double actualRows = node.number(PlanFields.ACTUAL_ROWS);
            Double planRows = node.number(PlanFields.PLAN_ROWS);
            Double revisedRows = actualRows == null || loops < 0 ? null : actualRows * loops;
            Double revisedPlanRows = planRows == null ? null : planRows * Math.max(1, loops);
            Double removed = revised(node.number(PlanFields.ROWS_REMOVED_BY_FILTER), loops);
            Double removedJoin = revised(node.number(PlanFields.ROWS_REMOVED_BY_JOIN_FILTER), loops);

            Double factor = null;
            EstimateDirection direction = EstimateDirection.NONE;
            if (actualRows != null && planRows != null && loops > 0) {
                double a = Math.max(actualRows, 1);
                double p = Math.max(planRows, 1);
                factor = Math.max(a / p, p / a);
                direction = a > p ? EstimateDirection.UNDER : a < p ? EstimateDirection.OVER : EstimateDirection.NONE;
            }

            double cost = node.number(PlanFields.TOTAL_COST, 0);
            double exclusiveCost = exclusiveOf(node, cost, n -> n.number(PlanFields.TOTAL_COST, 0));
            double costShare = rootCost > 0 ? exclusiveCost / rootCost : 0;

            Map<String, Double> counters = new LinkedHashMap<>();
            for (String counter : PlanFields.INCLUSIVE_COUNTERS) {
                if (node.number(counter) != null) {
                    counters.put(counter, exclusiveOf(node, node.number(counter), n -> n.number(counter, 0)));
                }
            }
            return new NodeMetrics(
                    node.id(),
                    inclusive,
                    exclusive,
                    share,
                    revisedRows,
                    revisedPlanRows,
                    removed,
                    removedJoin,
                    factor,
                    direction,
                    exclusiveCost,
                    costShare,
                    loops,
                    workers.getOrDefault(node.id(), 0),
                    counters);
        }

        private static Double revised(Double perLoop, long loops) {
            return perLoop == null ? null : perLoop * Math.max(1, loops);
        }

        private Double inclusiveTime(PlanNode node) {
            Double time = node.number(PlanFields.ACTUAL_TOTAL_TIME);
            if (time == null) {
                return null;
            }
            double loops = Math.max(0, node.number(PlanFields.ACTUAL_LOOPS, 1));
            int w = workers.getOrDefault(node.id(), 0);
            return time * loops / (w + 1);
        }

        private double cappedTime(PlanNode node) {
            Double t = capped.get(node.id());
            return t == null ? 0 : t;
        }

        /**
         * PostgreSQL prints per-loop times rounded to the microsecond; multiplied by thousands of loops, a child can
         * appear slower than its parent (0.003 ms x 299 loops = 0.897 ms under a 0.856 ms parent). For exclusive
         * time a node's time is therefore capped at its parent's, or at its evaluator's for an InitPlan; a CTE is not
         * capped by the node it is printed under, whose time does not contain it.
         */
        private void capAll() {
            Map<PlanNode, Integer> deferred = new LinkedHashMap<>();
            cap(plan.root(), Double.POSITIVE_INFINITY, deferred);
            boolean progress = true;
            while (!deferred.isEmpty() && progress) {
                progress = false;
                for (var it = deferred.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    Double limit = capped.get(e.getValue());
                    if (limit != null
                            || inclusiveTime(evaluatorOf.get(e.getKey().id())) == null) {
                        it.remove();
                        cap(e.getKey(), limit == null ? Double.POSITIVE_INFINITY : limit, deferred);
                        progress = true;
                        break;
                    }
                }
            }
            for (PlanNode stuck : List.copyOf(deferred.keySet())) {
                cap(stuck, Double.POSITIVE_INFINITY, new LinkedHashMap<>());
            }
        }

        private void cap(PlanNode node, double limit, Map<PlanNode, Integer> deferred) {
            Double t = inclusiveTime(node);
            double own = t == null ? limit : Math.min(t, limit);
            if (t != null) {
                capped.put(node.id(), own);
            }
            for (PlanNode child : node.children()) {
                if (child.isCteRoot()) {
                    cap(child, Double.POSITIVE_INFINITY, deferred);
                } else if ("InitPlan".equals(child.parentRelationship())) {
                    deferred.put(child, evaluatorOf.get(child.id()).id());
                } else {
                    cap(child, own, deferred);
                }
            }
        }

        /**
         * The node's own share of an inclusive quantity: minus children (except CTEs), minus the InitPlans it
         * evaluates, minus a CTE Scan's share of its CTE; never below 0.
         */
        private double exclusiveOf(
                PlanNode node, double inclusive, java.util.function.ToDoubleFunction<PlanNode> value) {
            double own = inclusive;
            for (PlanNode child : node.children()) {
                if (!"InitPlan".equals(child.parentRelationship())) {
                    own -= value.applyAsDouble(child);
                }
            }
            for (PlanNode initPlan : evaluated.getOrDefault(node.id(), List.of())) {
                own -= value.applyAsDouble(initPlan);
            }
            if (node.nodeType().equals("CTE Scan")) {
                String name = node.text(PlanFields.CTE_NAME);
                PlanNode cte = name == null ? null : ctes.get(name);
                if (cte != null) {
                    double sum = 0;
                    for (PlanNode scan : cteScans.getOrDefault(name, List.of())) {
                        sum += value.applyAsDouble(scan);
                    }
                    if (sum > 0) {
                        own -= value.applyAsDouble(cte) * value.applyAsDouble(node) / sum;
                    }
                }
            }
            return Double.isFinite(own) ? Math.max(0, own) : 0;
        }
    }
}
