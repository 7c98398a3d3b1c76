package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
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

    /** What one step found: a short title, the finding in plain text, and its evidence. */
    public record StepFinding(TuningStep step, String title, String summary, List<JiraAttachment> attachments) {
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

    private JiraIssueDraft epic(List<StepFinding> ordered) {
        List<String> bullets = ordered.stream()
                .map(f -> number(f.step()) + " " + f.step().title() + ": " + f.title())
                .toList();
        PlainDescription d = new PlainDescription(List.of(
                PlainDescription.Section.of(
                        null,
                        "Tuning the migration Job " + job + " against PostgreSQL on Kubernetes, one ticket per step"
                                + " of the loop, each with its evidence attached."),
                new PlainDescription.Section("Steps", List.of(), bullets)));
        return new JiraIssueDraft(fit("Tuning loop: " + job), d.wiki(), d.adf(), LABELS, List.of(), "Epic", null);
    }

    private JiraIssueDraft child(StepFinding f) {
        List<PlainDescription.Section> sections = new ArrayList<>();
        sections.add(PlainDescription.Section.of(
                null,
                "Step " + number(f.step()) + " of the tuning loop of " + job + ": "
                        + f.step().title() + "."));
        sections.add(PlainDescription.Section.of("Finding", f.summary().isBlank() ? "(none written)" : f.summary()));
        if (f.step() == TuningStep.FINAL_CONFIGURATION) {
            sections.add(PlainDescription.Section.of("Rollback plan", rollbackPlan));
            sections.add(PlainDescription.Section.of("Monitoring plan", monitoringPlan));
        }
        if (!f.attachments().isEmpty()) {
            sections.add(new PlainDescription.Section(
                    "Evidence",
                    List.of(),
                    f.attachments().stream()
                            .map(a -> a.fileName() + " (" + a.readableSize() + ")")
                            .toList()));
        }
        PlainDescription d = new PlainDescription(sections);
        return new JiraIssueDraft(
                fit(job + " " + number(f.step()) + " " + f.step().title() + ": " + f.title()),
                d.wiki(),
                d.adf(),
                LABELS,
                f.attachments(),
                "Task",
                null);
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
