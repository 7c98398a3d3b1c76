package io.miglab.core.advisor.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the advised set from costed candidates and words every verdict with its numbers. A candidate qualifies for
 * a statement when the planner uses it there and it saves at least the minimum (half the cost, by default); per
 * statement the qualifying candidate with the cheapest plan wins (within 1 % of the cheapest, the narrower index);
 * the set is the union of the winners, less any winner whose key columns lead another winner's on the same table
 * when that other one also qualifies for every statement it won.
 */
final class Selection {
    /** Plans within this share of the cheapest count as equal, and the narrower index wins. */
    static final double TIE = 0.01;

    private Selection() {}

    /** {@code costed} with verdicts; candidates already decided (not costed) pass through unchanged. */
    static List<IndexCandidate> select(List<IndexCandidate> costed, double minSaving) {
        Map<String, IndexCandidate> winners = new LinkedHashMap<>();
        Map<IndexCandidate, List<String>> won = new HashMap<>();
        Map<String, List<IndexCandidate>> qualifying = new LinkedHashMap<>();
        for (IndexCandidate c : costed) {
            for (StatementCost s : c.costs()) {
                if (qualifies(s, minSaving)) {
                    qualifying
                            .computeIfAbsent(s.statement(), k -> new ArrayList<>())
                            .add(c);
                }
            }
        }
        for (var e : qualifying.entrySet()) {
            String statement = e.getKey();
            double cheapest = e.getValue().stream()
                    .mapToDouble(c -> costOf(c, statement).after())
                    .min()
                    .orElseThrow();
            IndexCandidate best = null;
            for (IndexCandidate c : e.getValue()) {
                if (costOf(c, statement).after() > cheapest * (1 + TIE) + 1e-9) {
                    continue;
                }
                if (best == null || width(c) < width(best)) {
                    best = c;
                }
            }
            winners.put(statement, best);
            won.computeIfAbsent(best, k -> new ArrayList<>()).add(statement);
        }
        // Drop a winner another winner makes redundant: same table, its key leads the other's key, and the other
        // qualifies for every statement it won.
        Map<IndexCandidate, IndexCandidate> coveredBy = new HashMap<>();
        for (IndexCandidate x : won.keySet()) {
            for (IndexCandidate y : won.keySet()) {
                if (x == y || coveredBy.containsKey(y) || !sameTable(x, y) || !leads(x, y)) {
                    continue;
                }
                boolean serves = won.get(x).stream().allMatch(s -> {
                    StatementCost sc = costOf(y, s);
                    return sc != null && qualifies(sc, minSaving);
                });
                if (serves) {
                    coveredBy.put(x, y);
                    break;
                }
            }
        }
        List<IndexCandidate> out = new ArrayList<>();
        for (IndexCandidate c : costed) {
            if (c.costs().isEmpty()) {
                out.add(c);
                continue;
            }
            StatementCost best = c.best();
            if (won.containsKey(c) && !coveredBy.containsKey(c)) {
                List<String> parts = new ArrayList<>();
                for (String s : won.get(c)) {
                    parts.add(saving(costOf(c, s)));
                }
                for (IndexCandidate other : coveredBy.keySet()) {
                    if (coveredBy.get(other) == c) {
                        for (String s : won.get(other)) {
                            parts.add(saving(costOf(c, s)));
                        }
                    }
                }
                out.add(c.withVerdict(true, "Kept: saves " + String.join("; ", parts) + "."));
            } else if (coveredBy.containsKey(c)) {
                IndexCandidate y = coveredBy.get(c);
                out.add(c.withVerdict(
                        false,
                        "Rejected: " + y.index().name()
                                + " leads with the same columns and serves the same statements ("
                                + saving(costOf(y, won.get(c).get(0))) + "); one index is enough."));
            } else if (c.costs().stream().anyMatch(s -> qualifies(s, minSaving))) {
                StatementCost mine = c.costs().stream()
                        .filter(s -> qualifies(s, minSaving))
                        .findFirst()
                        .orElseThrow();
                IndexCandidate winner = winners.get(mine.statement());
                out.add(c.withVerdict(
                        false,
                        "Rejected: saves " + saving(mine) + ", but "
                                + winner.index().name() + " does better ("
                                + cost(costOf(winner, mine.statement()).after()) + ")."));
            } else if (c.costs().stream().noneMatch(StatementCost::used)) {
                out.add(c.withVerdict(
                        false,
                        "Rejected: the planner does not use it (" + best.statement() + " stays at cost "
                                + cost(best.before()) + ")."));
            } else {
                StatementCost used = c.costs().stream()
                        .filter(StatementCost::used)
                        .max(java.util.Comparator.comparingDouble(StatementCost::savingPercent))
                        .orElseThrow();
                out.add(c.withVerdict(
                        false,
                        String.format(
                                Locale.ROOT,
                                "Rejected: saves %s, below the %.0f %% a kept index needs.",
                                saving(used),
                                minSaving)));
            }
        }
        return out;
    }

    static boolean qualifies(StatementCost s, double minSaving) {
        return s.used() && s.savingPercent() >= minSaving;
    }

    private static StatementCost costOf(IndexCandidate c, String statement) {
        return c.costs().stream()
                .filter(s -> s.statement().equals(statement))
                .findFirst()
                .orElse(null);
    }

    private static int width(IndexCandidate c) {
        return c.index().columns().size() * 10 + c.index().include().size();
    }

    private static boolean sameTable(IndexCandidate x, IndexCandidate y) {
        return x.index().schema().equals(y.index().schema())
                && x.index().table().equals(y.index().table());
    }

    /** Whether x's key columns are the leading key columns of y's. */
    private static boolean leads(IndexCandidate x, IndexCandidate y) {
        List<String> a = x.index().columns();
        List<String> b = y.index().columns();
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    /** {@code 97 % on customer_rentals (cost 1234.5 -> 12.3)}. */
    static String saving(StatementCost s) {
        return String.format(
                Locale.ROOT,
                "%.0f %% on %s (cost %s -> %s)",
                s.savingPercent(),
                s.statement(),
                cost(s.before()),
                cost(s.after()));
    }

    static String cost(double c) {
        return String.format(Locale.ROOT, c >= 100 ? "%.0f" : "%.2f", c);
    }
}
