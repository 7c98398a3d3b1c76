package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One experiment (or comparison) in a report. Renderers show its parts in this order: paragraphs, code, goal checks,
 * tables, findings, charts, artifacts.
 *
 * @param experimentId the experiment it is about, or null for a section that is not one experiment's
 * @param code statements and plans shown verbatim (the query an EXPLAIN ran)
 */
public record ReportSection(
        String heading,
        Long experimentId,
        String kind,
        List<String> paragraphs,
        List<CodeBlock> code,
        List<GoalCheck> goalChecks,
        List<Table> tables,
        List<Finding> findings,
        List<Chart> charts,
        List<ReportArtifact> artifacts) {

    public ReportSection {
        paragraphs = List.copyOf(paragraphs);
        code = List.copyOf(code);
        goalChecks = List.copyOf(goalChecks);
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
        charts = List.copyOf(charts);
        artifacts = List.copyOf(artifacts);
    }

    /** Text shown verbatim, in a fixed-width block. */
    public record CodeBlock(String language, String text) {}

    ReportSection mapText(UnaryOperator<String> f) {
        return new ReportSection(
                f.apply(heading),
                experimentId,
                kind,
                paragraphs.stream().map(f).toList(),
                code.stream()
                        .map(c -> new CodeBlock(c.language(), f.apply(c.text())))
                        .toList(),
                goalChecks.stream().map(g -> g.mapText(f)).toList(),
                tables.stream().map(t -> t.mapText(f)).toList(),
                findings.stream()
                        .map(x -> new Finding(
                                x.code(),
                                x.severity(),
                                new io.miglab.core.finding.Subject(
                                        x.subject().kind(),
                                        f.apply(x.subject().key()),
                                        f.apply(x.subject().label())),
                                f.apply(x.title()),
                                f.apply(x.evidence()),
                                Environment.nullable(f, x.threshold()),
                                Environment.nullable(f, x.advice()),
                                x.value()))
                        .toList(),
                charts.stream().map(c -> c.mapText(f)).toList(),
                artifacts.stream().map(a -> a.mapText(f)).toList());
    }
}
