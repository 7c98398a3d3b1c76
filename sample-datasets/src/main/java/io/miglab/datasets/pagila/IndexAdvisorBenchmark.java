package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.advisor.index.IndexAdvice;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexAdvisor;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexProof;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.advisor.index.IndexSql;
import io.miglab.core.advisor.index.SetComparison;
import io.miglab.core.advisor.index.SetComparisonRequest;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The index advisor against its anchor, the Pagila starter lab's hand-written {@value PagilaWorkload#OPTIMIZATION}:
 * on generated Pagila in a lab instance, the advisor advises on the bundled workload; then interleaved A/B rounds
 * measure the advisor's set against no extra index, the hand-written set against no extra index, and the advisor's
 * set against the hand-written one, plus the write cost of each set on a generated write workload. Figures are
 * ratios of medians (B / A) with their 95 % intervals, side by side; nothing is asserted (STYLE: a timing goal is a
 * benchmark, not a test). Run by hand: {@code miglab bench indexes --target lab --scale 20}.
 */
public final class IndexAdvisorBenchmark {
    private final Workspace workspace;

    public IndexAdvisorBenchmark(Workspace workspace) {
        this.workspace = workspace;
    }

    /** What the benchmark measured, and its report lines. */
    public record Result(
            IndexAdvice advice,
            IndexProof advisorVsNone,
            IndexProof referenceVsNone,
            SetComparison advisorVsReference,
            List<String> lines) {}

    /**
     * Runs it.
     *
     * @param scale generate Pagila at this scale into {@code database} first (replacing it); 0 to use the database
     *     as it is
     * @param rounds measured A/B rounds per side
     * @param passes workload passes per round
     */
    public Result run(
            String target,
            String database,
            int scale,
            int rounds,
            int passes,
            ProgressListener progress,
            Cancellation cancellation) {
        if (workspace.targets().get(target).role() != TargetRole.LAB) {
            throw new MigLabException("The index benchmark builds and drops indexes many times: run it on a lab"
                    + " instance, not on '" + target + "'.");
        }
        List<String> lines = new ArrayList<>();
        if (scale > 0) {
            progress.report(Progress.indeterminate("Generating Pagila at scale " + scale));
            long start = System.nanoTime();
            new PagilaLoads(workspace.ledger(), target, workspace.targets().connector(target))
                    .generate(GenerateOptions.of(scale, database).withReplace(true), progress, cancellation);
            lines.add(String.format(
                    Locale.ROOT,
                    "Pagila generated at scale %d into %s on lab target '%s' in %.1f s.",
                    scale,
                    database,
                    target,
                    (System.nanoTime() - start) / 1e9));
        }
        BaselineRequest.WorkloadSource workload = new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled());
        IndexAdvisor advisor = workspace.indexAdvisor();
        long start = System.nanoTime();
        IndexAdvice advice = advisor.advise(IndexAdviceRequest.of(target, database, workload), progress, cancellation);
        double adviseSeconds = (System.nanoTime() - start) / 1e9;
        List<IndexSpec> reference =
                IndexSql.parseScript(PagilaWorkload.optimizationText(), PagilaWorkload.OPTIMIZATION);
        List<IndexSpec> proposed = advice.keptIndexes();
        lines.add(String.format(
                Locale.ROOT,
                "Advice (experiment %d, %s costing): %d candidates, %d kept, in %.1f s.",
                advice.experimentId(),
                advice.costing().label(),
                advice.candidates().size(),
                proposed.size(),
                adviseSeconds));
        for (IndexCandidate c : advice.kept()) {
            lines.add("  " + c.index().createSql() + "  -- " + c.reason());
        }
        lines.add("Reference set (" + PagilaWorkload.OPTIMIZATION + "):");
        for (IndexSpec i : reference) {
            lines.add("  " + i.createSql());
        }
        if (proposed.isEmpty()) {
            lines.add("The advisor kept no index: nothing to compare.");
            return new Result(advice, null, null, null, lines);
        }
        BaselineOptions round = IndexProveRequest.defaultRound().withIterations(passes);
        IndexProof advisorVsNone = advisor.prove(
                new IndexProveRequest(target, database, null, proposed, workload, rounds, round, false),
                prefixed(progress, "advisor vs none: "),
                cancellation);
        IndexProof referenceVsNone = advisor.prove(
                new IndexProveRequest(target, database, null, reference, workload, rounds, round, false),
                prefixed(progress, "optimization.sql vs none: "),
                cancellation);
        SetComparison sets = advisor.compareSets(
                new SetComparisonRequest(
                        target,
                        database,
                        workload,
                        PagilaWorkload.OPTIMIZATION,
                        reference,
                        "advisor",
                        proposed,
                        rounds,
                        round,
                        advice.experimentId()),
                prefixed(progress, "advisor vs optimization.sql: "),
                cancellation);
        lines.add(String.format(
                Locale.ROOT,
                "Speed: ratio of medians B/A per statement with its 95 %% interval, %d interleaved rounds per side"
                        + " (A B B A ...), %d passes per round; below 1 = B faster.",
                rounds,
                passes));
        lines.addAll(table(
                List.of("advisor / none", "optimization.sql / none", "advisor / optimization.sql"),
                List.of(advisorVsNone.speed(), referenceVsNone.speed(), sets.speed())));
        lines.add("Write cost: the generated write workload (" + Math.max(100, passes * 10) + " passes per round),"
                + " ratio with the set / with neither set; above 1 = the set slows writes.");
        lines.addAll(table(
                List.of("advisor / none", "optimization.sql / none"),
                List.of(sets.proposedWrites(), sets.referenceWrites())));
        lines.add("Experiments: A/B " + advisorVsNone.speed().experimentId() + ", "
                + referenceVsNone.speed().experimentId() + ", " + sets.speed().experimentId() + "; writes "
                + sets.proposedWrites().experimentId() + ", "
                + sets.referenceWrites().experimentId() + ".");
        return new Result(advice, advisorVsNone, referenceVsNone, sets, lines);
    }

    /** One row per statement, one column per run: {@code 0.031 [0.029, 0.034] faster}. */
    static List<String> table(List<String> headers, List<AbRun> runs) {
        Set<String> statements = new LinkedHashSet<>();
        for (AbRun r : runs) {
            r.comparison().statements().forEach(s -> statements.add(s.statement()));
        }
        int first =
                Math.max(9, statements.stream().mapToInt(String::length).max().orElse(9));
        int width = 44;
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder(pad("statement", first));
        for (String h : headers) {
            head.append(" | ").append(pad(h, width));
        }
        out.add(head.toString());
        out.add("-".repeat(head.length()));
        for (String s : statements) {
            StringBuilder row = new StringBuilder(pad(s, first));
            for (AbRun r : runs) {
                StatementComparison c = r.comparison().statements().stream()
                        .filter(x -> x.statement().equals(s))
                        .findFirst()
                        .orElse(null);
                row.append(" | ").append(pad(cell(c), width));
            }
            out.add(row.toString());
        }
        return out;
    }

    private static String cell(StatementComparison c) {
        if (c == null) {
            return "-";
        }
        if (c.ratio() == null) {
            return c.verdict().label();
        }
        return String.format(
                Locale.ROOT,
                "%.3f [%.3f, %.3f] %s",
                c.ratio(),
                c.ciLow(),
                c.ciHigh(),
                c.verdict().label());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static ProgressListener prefixed(ProgressListener progress, String prefix) {
        return p -> progress.report(new Progress(prefix + p.message(), p.done(), p.total()));
    }
}
