package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.finding.Subject;
import io.miglab.core.report.Chart.Point;
import io.miglab.core.report.ReportSection.CodeBlock;
import io.miglab.core.report.Table.Column;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reports made by hand for the renderer tests: one full of text that looks like markup. */
final class ReportFixtures {
    /** Markup of every format the renderers write, and then some. */
    static final String HOSTILE =
            "snake_case_name *bold* **strong** {code}x{code} {noformat} ||head|| a|b [link|http://x]"
                    + " <script>alert('x')</script> `tick` ``` & &amp; &#92; back\\slash \\\\ h1. # hash -minus- +plus+"
                    + " ^sup^ ~sub~ ??cite?? (y) (on) :) ;P $x$ @user :smile: 1. <b>\"quoted\"</b> = ~~strike~~";

    private ReportFixtures() {}

    static Report hostile() {
        Table table = new Table(
                "hostile",
                "Table " + HOSTILE,
                List.of(Column.left("name " + HOSTILE), Column.right("value"), new Column("mid", Table.Align.CENTER)),
                List.of(List.of(HOSTILE, "1.000 ms", ""), List.of("plain", "-2", "x|y")));
        Finding finding = new Finding(
                "slow-node",
                Severity.WARNING,
                Subject.planNode(3, "#3 Seq Scan on " + HOSTILE),
                "Finding " + HOSTILE,
                "Evidence " + HOSTILE,
                "10 %",
                "Advice " + HOSTILE,
                0.5);
        Chart chart = new Chart(
                "e1-latency",
                Chart.Kind.BARS_WITH_INTERVALS,
                "Chart " + HOSTILE,
                "statement",
                "ms",
                List.of(
                        new Chart.Series("A", List.of(Point.category("q_1", 2.0, null, null))),
                        new Chart.Series("B", List.of(Point.category("q_1", 1.0, 0.8, 1.3)))),
                List.of());
        ReportSection section = new ReportSection(
                "Section " + HOSTILE,
                1L,
                "baseline",
                List.of(HOSTILE, "Two lines\nsecond " + HOSTILE),
                List.of(new CodeBlock("sql", "SELECT '{noformat}' || '```' FROM t_x WHERE a = '<script>'")),
                List.of(new GoalCheck("p95 latency", "q_1", 5, 3.2, "ms"), new GoalCheck("p95", "q_2", 1, 2, "ms")),
                List.of(table),
                List.of(finding),
                List.of(chart),
                List.of(new ReportArtifact("e1-query.sql", "application/sql", "the query " + HOSTILE, () -> "SELECT 1"
                        .getBytes(StandardCharsets.UTF_8))));
        return new Report(
                "Title " + HOSTILE,
                "Summary " + HOSTILE,
                new Environment(
                        "lab_1", "16.4", "pagila@1", List.of(new Environment.Setting("work_mem", "4MB " + HOSTILE))),
                List.of(section));
    }
}
