package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.TextFiles;
import io.miglab.core.advisor.index.Costing;
import io.miglab.core.advisor.index.IndexAdvice;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexAdvisor;
import io.miglab.core.advisor.index.IndexApplyRequest;
import io.miglab.core.advisor.index.IndexBuild;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexProof;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.advisor.index.IndexSql;
import io.miglab.core.advisor.index.SetComparison;
import io.miglab.core.advisor.index.SetComparisonRequest;
import io.miglab.core.units.Ranges;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code miglab advise indexes}: candidates from the workload's plans with why each was kept or rejected, the SQL;
 * with {@code --apply} the build, the A/B proof and the write overhead; with {@code --compare-with} the advised set
 * against a given one, speed and write cost side by side.
 */
@Command(
        name = "indexes",
        description =
                "Index advice from a workload's plans, costed with HypoPG or real indexes; apply, prove, compare.")
final class AdviseIndexesCommand implements Callable<Integer> {
    @ParentCommand
    AdviseCommand parent;

    @Mixin
    TargetOptions where;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--workload", paramLabel = "FILE", description = "Statements, each after '-- name: NAME'.")
        Path workload;

        @Option(names = "--bundled", description = "The bundled Pagila workload.")
        boolean bundled;
    }

    @Option(
            names = "--apply",
            description = "Build the kept indexes (CREATE INDEX CONCURRENTLY), prove them in A/B rounds, measure"
                    + " the write overhead.")
    boolean apply;

    @Option(
            names = "--compare-with",
            paramLabel = "FILE",
            description = "CREATE INDEX statements to measure the advised set against (A = the file's, B = the"
                    + " advisor's).")
    Path compareWith;

    @Option(
            names = "--costing",
            defaultValue = "auto",
            paramLabel = "HOW",
            description = "auto, hypopg or real-index (default auto: HypoPG when installed, else real indexes on a"
                    + " lab instance).")
    String costing;

    @Option(
            names = "--min-saving",
            defaultValue = "50",
            paramLabel = "PCT",
            description = "Keep an index only when it saves this share of a statement's cost (default 50).")
    int minSaving;

    @Option(names = "--rounds", defaultValue = "6", paramLabel = "N", description = "A/B rounds per side (default 6).")
    int rounds;

    @Option(
            names = "--passes",
            defaultValue = "5",
            paramLabel = "N",
            description = "Workload passes per A/B round (default 5).")
    int passes;

    @Override
    public Integer call() {
        CliContext c = parent.context();
        // Everything checked before anything connects.
        Costing how = Costing.parse(costing, "--costing");
        Ranges.require(minSaving, 1, 99, "--min-saving");
        Ranges.require(rounds, 4, 100, "--rounds");
        Ranges.require(passes, 1, 100_000, "--passes");
        Workload workload = source.bundled ? PagilaWorkload.bundled() : Workload.read(source.workload);
        List<IndexSpec> reference = compareWith == null
                ? null
                : IndexSql.parseScript(
                        TextFiles.read(compareWith, TextFiles.DEFAULT_MAX_BYTES, "The index file"),
                        compareWith.getFileName().toString());
        BaselineRequest.WorkloadSource given = new BaselineRequest.WorkloadSource.Given(workload);
        IndexAdvisor advisor = c.workspace().indexAdvisor();
        Cancellation cancellation = new Cancellation();
        ObjectNode json = Json.mapper().createObjectNode();
        IndexAdvice advice = CliSupport.cancellableByCtrlC(
                cancellation,
                () -> advisor.advise(
                        new IndexAdviceRequest(
                                where.target,
                                where.database,
                                given,
                                how,
                                minSaving,
                                IndexAdviceRequest.DEFAULT_MAX_CANDIDATES,
                                null),
                        c.progressOnStderr(),
                        cancellation));
        c.err().println("Stored as experiment " + advice.experimentId() + ".");
        json.set("advice", Json.mapper().valueToTree(advice));
        if (!c.json()) {
            printAdvice(c.out(), advice);
        }
        var round = IndexProveRequest.defaultRound().withIterations(passes);
        if (apply && !advice.kept().isEmpty()) {
            IndexBuild build = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> advisor.apply(IndexApplyRequest.of(advice), c.progressOnStderr(), cancellation));
            json.set("build", Json.mapper().valueToTree(build));
            if (!c.json()) {
                printBuild(c.out(), build);
            }
            IndexProof proof = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> advisor.prove(
                            new IndexProveRequest(
                                    where.target,
                                    where.database,
                                    build.experimentId(),
                                    build.specs(),
                                    given,
                                    rounds,
                                    round,
                                    true),
                            c.progressOnStderr(),
                            cancellation));
            json.set("proof", Json.mapper().valueToTree(proof));
            if (!c.json()) {
                c.out().println();
                c.out()
                        .println("A/B proof (experiment " + proof.speed().experimentId() + "), "
                                + proof.speed().aLabel() + " vs "
                                + proof.speed().bLabel() + ":");
                ComparisonTable.print(c.out(), proof.speed().comparison());
                c.out().println(summary(proof.speed()));
                if (proof.writes() != null) {
                    c.out().println();
                    c.out()
                            .println("Write overhead (experiment "
                                    + proof.writes().experimentId()
                                    + "), the generated inserts and updates on the indexed tables:");
                    ComparisonTable.print(c.out(), proof.writes().comparison());
                }
            }
            if (proof.speed().cancelled()) {
                return Cli.FAILURE;
            }
        }
        if (reference != null && !advice.kept().isEmpty()) {
            SetComparison sets = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> advisor.compareSets(
                            new SetComparisonRequest(
                                    where.target,
                                    where.database,
                                    given,
                                    compareWith.getFileName().toString(),
                                    reference,
                                    "advisor",
                                    advice.keptIndexes(),
                                    rounds,
                                    round,
                                    advice.experimentId()),
                            c.progressOnStderr(),
                            cancellation));
            json.set("comparison", Json.mapper().valueToTree(sets));
            if (!c.json()) {
                printComparison(c.out(), compareWith.getFileName().toString(), sets);
            }
        } else if (reference != null && !c.json()) {
            c.out().println("Nothing to compare with " + compareWith.getFileName() + ": the advisor kept no index.");
        }
        if (c.json()) {
            c.printJson(json);
        }
        if (!advice.statements().isEmpty() && advice.statements().stream().allMatch(s -> s.problem() != null)) {
            // Advice from no plan at all is no advice: say so, and fail, so a script notices.
            IndexAdvice.Explained first = advice.statements().get(0);
            c.err()
                    .println("miglab: no statement of " + advice.workload() + " could be explained; the first, "
                            + first.statement() + ": " + first.problem());
            return Cli.FAILURE;
        }
        return Cli.OK;
    }

    static void printAdvice(PrintStream out, IndexAdvice advice) {
        out.printf(
                Locale.ROOT,
                "Index advice for %s on %s%s (experiment %d): %d candidates costed with %s, %d kept.%n",
                advice.workload(),
                advice.target(),
                advice.database() == null ? "" : ", database " + advice.database(),
                advice.experimentId(),
                advice.candidates().size(),
                advice.costing().label(),
                advice.kept().size());
        for (IndexAdvice.Explained s : advice.statements()) {
            if (s.problem() != null) {
                out.println("Not explained: " + s.statement() + " (" + s.problem() + ")");
            }
        }
        TextTable table = new TextTable("verdict", "index", "serves", "best saving", "reason");
        for (IndexCandidate cand : advice.candidates()) {
            table.row(
                    cand.kept() ? "kept" : "rejected",
                    cand.index().table() + " (" + String.join(", ", cand.index().columns()) + ")"
                            + (cand.index().include().isEmpty()
                                    ? ""
                                    : " INCLUDE ("
                                            + String.join(", ", cand.index().include()) + ")"),
                    String.join(", ", cand.serves()),
                    cand.costs().isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f %%", cand.bestSavingPercent()),
                    cand.reason());
        }
        table.print(out);
        out.println();
        if (advice.kept().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "No candidate saves %.0f %% of a statement's estimated cost: no index advised.%n",
                    advice.minSavingPercent());
            return;
        }
        out.println("SQL:");
        out.print(advice.sql());
        if (!advice.writable()) {
            out.println("Target '" + advice.target() + "' is guarded and locked: this is advice only. Unlock it"
                    + " (miglab target unlock " + advice.target() + " --reason \"...\") to apply.");
        }
    }

    static void printBuild(PrintStream out, IndexBuild build) {
        out.println();
        out.println("Built (experiment " + build.experimentId() + "):");
        TextTable table = new TextTable("index", "build", "size", "statement");
        for (IndexBuild.Built b : build.indexes()) {
            table.row(
                    b.index().name(),
                    String.format(Locale.ROOT, "%.0f ms", b.buildMs()),
                    Sizes.format(b.sizeBytes()),
                    b.sql());
        }
        table.print(out);
    }

    /** {@code 2 of 10 statements faster, 0 slower, 8 without significant change.} */
    static String summary(AbRun run) {
        List<StatementComparison> s = run.comparison().statements();
        long faster = s.stream().filter(x -> x.verdict() == Verdict.FASTER).count();
        long slower = s.stream().filter(x -> x.verdict() == Verdict.SLOWER).count();
        return "Verdict: " + faster + " of " + s.size() + " statements faster with B, " + slower + " slower, "
                + (s.size() - faster - slower) + " without a significant change"
                + (run.cancelled() ? " (cancelled: the finished pairs only)." : ".");
    }

    static void printComparison(PrintStream out, String file, SetComparison sets) {
        out.println();
        out.println("Speed, " + sets.speed().aLabel() + " vs " + sets.speed().bLabel() + " (experiment "
                + sets.speed().experimentId() + "):");
        ComparisonTable.print(out, sets.speed().comparison());
        out.println(summary(sets.speed()));
        out.println();
        out.println("Write cost: ratio with the set / with neither set, and the advisor's set / " + file + ":");
        TextTable table = new TextTable("statement", file + " / none", "advisor / none", "advisor / " + file);
        for (StatementComparison r : sets.referenceWrites().comparison().statements()) {
            table.row(
                    r.statement(),
                    cell(r),
                    cell(find(sets.proposedWrites(), r.statement())),
                    cell(find(sets.writes(), r.statement())));
        }
        table.print(out);
    }

    private static StatementComparison find(AbRun run, String statement) {
        return run.comparison().statements().stream()
                .filter(x -> x.statement().equals(statement))
                .findFirst()
                .orElse(null);
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
}
