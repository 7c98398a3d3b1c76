package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.report.ChartRenderer;
import io.miglab.core.report.CsvRenderer;
import io.miglab.core.report.Report;
import io.miglab.core.report.ReportBundle;
import io.miglab.core.report.ReportFormat;
import io.miglab.core.report.ReportRenderer;
import io.miglab.core.report.ReportRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab report EXP... --format md|jira|adf|html|csv|bundle [--out DIR] [--zip]}: experiments as a report. */
@Command(
        name = "report",
        description = "Write a report of experiments (and comparisons of baselines) for a ticket: Markdown, Jira wiki"
                + " markup, Atlassian Document Format, self-contained HTML, CSV per table, or the attachment bundle.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Parameters(paramLabel = "EXP", arity = "0..*", description = "Experiment ids, in the order to report them.")
    List<Long> experiments = new ArrayList<>();

    @Option(
            names = "--compare",
            paramLabel = "A:B",
            description = "Also compare baseline B against baseline A, statement by statement (repeatable).")
    List<String> comparisons = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "md",
            description = "md, jira, adf, html, csv or bundle (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write the file(s) into DIR; without it a text format goes to stdout. The bundle needs it.")
    Path out;

    @Option(names = "--zip", description = "With --format bundle: one zip file in DIR instead of loose files.")
    boolean zip;

    @Option(names = "--title", description = "The report's title (default: made from the experiments).")
    String title;

    @Option(
            names = "--goals-of",
            paramLabel = "PLAYBOOK",
            description = "Check the thresholds the Goals step recorded for this playbook (p95, migration window).")
    String goalsOf;

    @Override
    public Integer call() throws IOException {
        ReportFormat f = ReportFormat.parse(format);
        if (zip && f != ReportFormat.BUNDLE) {
            throw new MigLabException("--zip applies to --format bundle only.");
        }
        if (f == ReportFormat.BUNDLE && out == null) {
            throw new MigLabException("--format bundle needs --out DIR for its files.");
        }
        List<ReportRequest.Comparison> pairs = new ArrayList<>();
        for (String c : comparisons) {
            pairs.add(pair(c));
        }
        CliContext c = root.context();
        MigrationGoals goals =
                goalsOf == null ? MigrationGoals.none() : c.workspace().goals().load(goalsOf);
        Report report = c.workspace().reports().build(new ReportRequest(experiments, pairs, title, goals));
        ChartRenderer charts = new ChartRenderer();
        switch (f) {
            case BUNDLE -> {
                ReportBundle bundle = new ReportBundle(charts);
                if (zip) {
                    Path file = out.resolve(slug(report) + ".zip");
                    bundle.writeZip(report, file);
                    c.out().println(file);
                } else {
                    bundle.writeFolder(report, out).forEach(c.out()::println);
                }
            }
            case CSV -> {
                Map<String, String> files = new CsvRenderer().render(report);
                if (out == null) {
                    if (files.size() != 1) {
                        throw new MigLabException(
                                "The report has " + files.size() + " tables; --out DIR writes one CSV file for each.");
                    }
                    c.out().print(files.values().iterator().next());
                } else {
                    Files.createDirectories(out);
                    for (var e : files.entrySet()) {
                        Path file = out.resolve(e.getKey());
                        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                        c.out().println(file);
                    }
                }
            }
            default -> {
                ReportRenderer renderer = f.renderer(charts);
                String text = renderer.render(report);
                if (out == null) {
                    c.out().print(text);
                } else {
                    Files.createDirectories(out);
                    Path file =
                            out.resolve(f == ReportFormat.HTML ? "report.html" : slug(report) + renderer.extension());
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                    c.out().println(file);
                }
            }
        }
        return Cli.OK;
    }

    private static ReportRequest.Comparison pair(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return new ReportRequest.Comparison(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new MigLabException("--compare takes two experiment ids as A:B (12:14), not '" + text + "'.");
    }

    private static String slug(Report report) {
        return ReportBundle.slug(report.title());
    }
}
