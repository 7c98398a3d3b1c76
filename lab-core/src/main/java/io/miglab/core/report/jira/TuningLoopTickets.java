package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
import io.miglab.core.report.AdfRenderer;
import io.miglab.core.report.Environment;
import io.miglab.core.report.JiraWikiRenderer;
import io.miglab.core.report.Report;
import io.miglab.core.report.ReportSection;
import io.miglab.core.report.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The migration-job tuning loop as Jira tickets: an epic for the Job and one ticket per step, each with its
 * evidence attached, all labelled so the team's boards find them.
 */
public final class TuningLoopTickets {
    public static final List<String> LABELS = List.of("migration", "performance", "k8s", "postgres");

    /**
     * What one step found: a short title, the finding in plain text, its evidence files, and the report of the
     * experiments behind it (null when there is none: the finding's text alone).
     */
    public record StepFinding(
            TuningStep step, String title, String summary, List<JiraAttachment> attachments, Report evidence) {
        public StepFinding(TuningStep step, String title, String summary, List<JiraAttachment> attachments) {
            this(step, title, summary, attachments, null);
        }

        public StepFinding {
            if (step == null) {
                throw new MigLabException("A tuning-loop finding needs its step.");
            }
            if (title == null || title.isBlank()) {
                throw new MigLabException("The '" + step.title() + "' finding needs a title.");
            }
            summary = summary == null ? "" : summary;
            attachments = List.copyOf(attachments == null ? List.of() : attachments);
        }
    }

    /** The epic and its children, children in loop order. */
    public record Tickets(JiraIssueDraft epic, List<JiraIssueDraft> children) {
        public Tickets {
            children = List.copyOf(children);
        }

        /** A push that creates the epic and files the children under it. */
        public JiraPush.Request request(String projectKey) {
            return JiraPush.Request.epicWithChildren(projectKey, epic, children);
        }
    }

    private final String job;
    private final Map<TuningStep, StepFinding> steps = new EnumMap<>(TuningStep.class);
    private String rollbackPlan;
    private String monitoringPlan;

    private TuningLoopTickets(String job) {
        if (job == null || job.isBlank()) {
            throw new MigLabException("The tuning loop needs the name of the migration Job it tunes.");
        }
        this.job = job.strip();
    }

    /** Starts the tickets for one migration Job (its Kubernetes name, or what the team calls it). */
    public static TuningLoopTickets forJob(String job) {
        return new TuningLoopTickets(job);
    }

    public TuningLoopTickets step(StepFinding finding) {
        if (steps.putIfAbsent(finding.step(), finding) != null) {
            throw new MigLabException("The '" + finding.step().title() + "' step is given twice.");
        }
        return this;
    }

    public TuningLoopTickets step(TuningStep step, String title, String summary, JiraAttachment... evidence) {
        return step(new StepFinding(step, title, summary, List.of(evidence)));
    }

    /** How to go back to the previous configuration: required with the final configuration. */
    public TuningLoopTickets rollbackPlan(String text) {
        this.rollbackPlan = text;
        return this;
    }

    /** What to watch once the final configuration runs: required with the final configuration. */
    public TuningLoopTickets monitoringPlan(String text) {
        this.monitoringPlan = text;
        return this;
    }

    public Tickets build() {
        if (steps.isEmpty()) {
            throw new MigLabException("The tuning loop of " + job + " has no steps to file.");
        }
        if (steps.containsKey(TuningStep.FINAL_CONFIGURATION)) {
            if (rollbackPlan == null || rollbackPlan.isBlank()) {
                throw new MigLabException("The final configuration of " + job + " needs a rollback plan.");
            }
            if (monitoringPlan == null || monitoringPlan.isBlank()) {
                throw new MigLabException("The final configuration of " + job + " needs a monitoring plan.");
            }
        }
        List<StepFinding> ordered = steps.values().stream()
                .sorted(Comparator.comparing(StepFinding::step))
                .toList();
        List<JiraIssueDraft> children = new ArrayList<>();
        for (StepFinding f : ordered) {
            children.add(child(f));
        }
        return new Tickets(epic(ordered), children);
    }

    /** The epic's description: what the loop is, and its steps in a table. */
    private JiraIssueDraft epic(List<StepFinding> ordered) {
        List<List<String>> rows = ordered.stream()
                .map(f -> List.of(number(f.step()), f.step().title(), f.title()))
                .toList();
        ReportSection steps = new ReportSection(
                "Steps",
                null,
                "tuning-loop",
                List.of(),
                List.of(),
                List.of(),
                List.of(new Table(
                        "tuning-loop-steps",
                        "One ticket per step",
                        List.of(Table.Column.left("step"), Table.Column.left("what"), Table.Column.left("finding")),
                        rows)),
                List.of(),
                List.of(),
                List.of());
        Report report = new Report(
                "Tuning loop: " + job,
                "Tuning the migration Job " + job + " against PostgreSQL on Kubernetes, one ticket per step of the"
                        + " loop, each with its evidence attached.",
                Environment.UNKNOWN,
                List.of(steps));
        return draft(fit("Tuning loop: " + job), report, List.of(), "Epic");
    }

    /** A step's description: the finding, the final step's plans, then the evidence's own report sections. */
    private JiraIssueDraft child(StepFinding f) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(ReportSection.text(
                "Finding", "tuning-loop", List.of(f.summary().isBlank() ? "(none written)" : f.summary())));
        if (f.step() == TuningStep.FINAL_CONFIGURATION) {
            sections.add(ReportSection.text("Rollback plan", "tuning-loop", List.of(rollbackPlan)));
            sections.add(ReportSection.text("Monitoring plan", "tuning-loop", List.of(monitoringPlan)));
        }
        if (!f.attachments().isEmpty()) {
            sections.add(ReportSection.text(
                    "Evidence",
                    "tuning-loop",
                    List.of(f.attachments().stream()
                                    .map(a -> a.fileName() + " (" + a.readableSize() + ")")
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + ".")));
        }
        Environment environment = Environment.UNKNOWN;
        if (f.evidence() != null) {
            sections.addAll(f.evidence().sections());
            environment = f.evidence().environment();
        }
        String summary = fit(job + " " + number(f.step()) + " " + f.step().title() + ": " + f.title());
        Report report = new Report(
                summary,
                "Step " + number(f.step()) + " of the tuning loop of " + job + ": "
                        + f.step().title() + ".",
                environment,
                sections);
        return draft(summary, report, f.attachments(), "Task");
    }

    /** Both descriptions rendered from the one report model. */
    private static JiraIssueDraft draft(
            String summary, Report report, List<JiraAttachment> attachments, String issueType) {
        com.fasterxml.jackson.databind.JsonNode adf;
        try {
            adf = io.miglab.core.Json.mapper().readTree(new AdfRenderer().render(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MigLabException("The ticket's Atlassian Document could not be read back: " + e.getMessage(), e);
        }
        return new JiraIssueDraft(
                summary, new JiraWikiRenderer().render(report), adf, LABELS, attachments, issueType, null);
    }

    private static String number(TuningStep step) {
        return (step.ordinal() + 1) + "/" + TuningStep.values().length;
    }

    private static String fit(String summary) {
        String one = summary.replaceAll("\\s+", " ").strip();
        return one.length() <= JiraIssueDraft.MAX_SUMMARY
                ? one
                : one.substring(0, JiraIssueDraft.MAX_SUMMARY - 3) + "...";
    }
}
