package io.miglab.core.report;

import io.miglab.core.report.Table.Column;
import java.util.List;
import java.util.Locale;

/** Goal checks as a table, which every renderer shows the same way. */
final class GoalTable {
    private GoalTable() {}

    static Table of(List<GoalCheck> checks) {
        return new Table(
                "goals",
                "Goals",
                List.of(
                        Column.left("goal"),
                        Column.left("subject"),
                        Column.right("threshold"),
                        Column.right("observed"),
                        Column.left("result")),
                checks.stream()
                        .map(g -> List.of(
                                g.goal(),
                                g.subject(),
                                value(g.threshold(), g.unit()),
                                value(g.observed(), g.unit()),
                                g.passed() ? "pass" : "FAIL"))
                        .toList());
    }

    static String value(double v, String unit) {
        return String.format(Locale.ROOT, "%.3f %s", v, unit).strip();
    }
}
