package io.miglab.core.report.epic;

import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Experiments;
import io.miglab.core.units.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lab's work so far as a migration epic: the playbook's steps as stories in five phases, each story's status
 * read from its experiments (one succeeded: Done; one running, or only failed tries: In Progress; none: Planned),
 * one subtask per experiment, and acceptance criteria from the Goals step. Nothing is judged that the ledger does
 * not show: a goal's threshold stays unchecked for the team to tick after reading the evidence.
 */
public final class EpicExport {
    /** Subtasks listed per story at most, newest first; the summary says when more were left out. */
    static final int MAX_SUBTASKS = 20;

    private EpicExport() {}

    /** One playbook step as a story: the experiment kinds that do its work, and a starting estimate. */
    record Step(
            String id,
            String emoji,
            String title,
            int points,
            Priority priority,
            Set<String> kinds,
            String iWant,
            String soThat) {}

    record PhasePlan(String name, List<Step> steps) {}

    static final List<PhasePlan> PLAN = List.of(
            new PhasePlan(
                    "Prepare and baseline",
                    List.of(
                            new Step(
                                    "US-001",
                                    "🔍",
                                    "Inventory the source database",
                                    2,
                                    Priority.HIGH,
                                    Set.of("inventory"),
                                    "a catalog snapshot of the source database",
                                    "nothing the migration must carry is missed"),
                            new Step(
                                    "US-002",
                                    "📏",
                                    "Baseline the workload",
                                    3,
                                    Priority.HIGH,
                                    Set.of("baseline"),
                                    "latency figures of the workload before any change",
                                    "every later change is judged against the same numbers"))),
            new PhasePlan(
                    "Tuning",
                    List.of(
                            new Step(
                                    "US-003",
                                    "🧭",
                                    "Read the EXPLAIN plans",
                                    3,
                                    Priority.MEDIUM,
                                    Set.of("explain"),
                                    "the plans of the slow statements captured",
                                    "tuning starts from what the planner does"),
                            new Step(
                                    "US-004",
                                    "🗂️",
                                    "Tune the indexes",
                                    3,
                                    Priority.MEDIUM,
                                    Set.of("index-advice", "index-build", "index-undo"),
                                    "the indexes the workload needs, built and measured",
                                    "the statements that matter get faster"),
                            new Step(
                                    "US-005",
                                    "⚙️",
                                    "Tune the server configuration",
                                    3,
                                    Priority.MEDIUM,
                                    Set.of("config-apply", "config-rollback"),
                                    "settings changed one at a time with a way back",
                                    "the server fits the workload"),
                            new Step(
                                    "US-006",
                                    "⚖️",
                                    "Prove the changes with A/B comparisons",
                                    2,
                                    Priority.MEDIUM,
                                    Set.of("ab"),
                                    "before and after compared with honest statistics",
                                    "only changes that help are kept"))),
            new PhasePlan(
                    "Migration",
                    List.of(
                            new Step(
                                    "US-007",
                                    "🚚",
                                    "Load the data with the chosen loader",
                                    5,
                                    Priority.HIGH,
                                    Set.of("load", "load-matrix"),
                                    "the loaders and their settings timed",
                                    "the migration job uses the fastest safe one"),
                            new Step(
                                    "US-008",
                                    "💾",
                                    "Dump and restore",
                                    3,
                                    Priority.HIGH,
                                    Set.of("dump", "restore"),
                                    "a dump restored to a second instance and timed",
                                    "the cut-over's copy step is known to fit"),
                            new Step(
                                    "US-009",
                                    "⬆️",
                                    "Rehearse the major-version upgrade",
                                    5,
                                    Priority.HIGH,
                                    Set.of("upgrade"),
                                    "the upgrade rehearsed on a copy",
                                    "the real one holds no surprises"))),
            new PhasePlan(
                    "Validation",
                    List.of(new Step(
                            "US-010",
                            "🧪",
                            "Validate parity",
                            3,
                            Priority.CRITICAL,
                            Set.of("validate"),
                            "source and target compared table by table",
                            "nothing is lost or changed on the way"))),
            new PhasePlan(
                    "Sizing",
                    List.of(new Step(
                            "US-011",
                            "📦",
                            "Size the migration job's pod",
                            3,
                            Priority.MEDIUM,
                            Set.of("k8s-job", "k8s-job-matrix", "pod-metrics"),
                            "the job's CPU and memory measured and its requests and limits set",
                            "the job neither starves nor wastes the cluster"))));

    /** The epic of every experiment in the ledger, with the goals the Goals step recorded. */
    public static Epic from(Experiments ledger, MigrationGoals goals, String key, String title) {
        List<Experiment> all = new ArrayList<>(ledger.list(ExperimentFilter.ALL));
        all.sort(Comparator.comparing(Experiment::startedAt).thenComparing(Experiment::id));
        return from(all, goals == null ? MigrationGoals.none() : goals, key, title);
    }

    static Epic from(List<Experiment> experiments, MigrationGoals goals, String key, String title) {
        Map<String, List<Experiment>> byKind = new LinkedHashMap<>();
        for (Experiment e : experiments) {
            byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
        }
        Set<String> known = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        for (PhasePlan plan : PLAN) {
            List<Story> stories = new ArrayList<>();
            for (Step step : plan.steps()) {
                known.addAll(step.kinds());
                List<Experiment> mine = experiments.stream()
                        .filter(e -> step.kinds().contains(e.kind()))
                        .toList();
                stories.add(story(step, mine, goals, notes));
            }
            phases.add(new Phase(plan.name(), stories));
        }
        int other = (int)
                experiments.stream().filter(e -> !known.contains(e.kind())).count();
        List<SummaryField> summary = summary(goals, experiments.size(), other, notes);
        return new Epic(key, title, summary, phases, risks(goals));
    }

    private static Story story(Step step, List<Experiment> mine, MigrationGoals goals, List<String> notes) {
        Status status;
        if (mine.stream().anyMatch(e -> e.status() == ExperimentStatus.SUCCEEDED)) {
            status = Status.DONE;
        } else if (!mine.isEmpty()) {
            status = Status.IN_PROGRESS;
        } else {
            status = Status.PLANNED;
        }
        List<Experiment> listed =
                mine.size() > MAX_SUBTASKS ? mine.subList(mine.size() - MAX_SUBTASKS, mine.size()) : mine;
        if (listed.size() < mine.size()) {
            notes.add(step.id() + " lists the newest " + listed.size() + " of its " + mine.size() + " experiments");
        }
        List<Subtask> subtasks = new ArrayList<>();
        for (Experiment e : listed) {
            subtasks.add(new Subtask(subtasks.size() + 1, title(e), describe(e), 1, subtaskStatus(e.status())));
        }
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new Criterion(
                "An experiment (" + String.join(" or ", new TreeSet<>(step.kinds())) + ") succeeded in the lab",
                status == Status.DONE));
        criteria.addAll(goalCriteria(step, goals));
        return new Story(
                step.id(),
                step.title(),
                step.emoji(),
                step.points(),
                step.priority(),
                status,
                "migration engineer",
                step.iWant(),
                step.soThat(),
                criteria,
                subtasks,
                List.of());
    }

    /** The Goals step's thresholds where a step can show them; unchecked, since the team judges the evidence. */
    private static List<Criterion> goalCriteria(Step step, MigrationGoals goals) {
        List<Criterion> c = new ArrayList<>();
        boolean latency = step.kinds().contains("baseline") || step.kinds().contains("ab");
        boolean migration = step.kinds().contains("load")
                || step.kinds().contains("dump")
                || step.kinds().contains("upgrade")
                || step.kinds().contains("k8s-job");
        if (latency && goals.p95TargetMs() != null) {
            c.add(new Criterion(
                    "p95 latency under " + Durations.millis(goals.p95TargetMs()) + " for every statement", false));
        }
        if (latency) {
            goals.statementP95TargetsMs()
                    .forEach((name, ms) -> c.add(new Criterion(
                            "p95 latency of " + oneLine(name) + " under " + Durations.millis(ms), false)));
        }
        if (migration && goals.migrationWindow() != null) {
            c.add(new Criterion(
                    "Finishes inside the migration window of " + Durations.format(goals.migrationWindow()), false));
        }
        if (migration && goals.downtime() != null && !step.kinds().contains("k8s-job")) {
            c.add(new Criterion("Cut-over downtime at most " + Durations.format(goals.downtime()), false));
        }
        if (step.kinds().contains("validate")) {
            if (goals.rpo() != null) {
                c.add(new Criterion(
                        "No more committed data lost than the RPO of " + Durations.format(goals.rpo()), false));
            }
            if (goals.rollbackPlan() != null) {
                c.add(new Criterion("Rollback rehearsed: " + oneLine(goals.rollbackPlan()), false));
            }
        }
        return c;
    }

    private static List<SummaryField> summary(MigrationGoals goals, int experiments, int other, List<String> notes) {
        List<SummaryField> s = new ArrayList<>();
        if (goals.objective() != null) {
            s.add(new SummaryField("Objective", goals.objective().label()));
        }
        if (goals.targetEngine() != null) {
            s.add(new SummaryField(
                    "Target",
                    oneLine(goals.targetEngine()
                            + (goals.targetVersion() == null ? "" : " " + goals.targetVersion()))));
        }
        if (goals.migrationWindow() != null) {
            s.add(new SummaryField("Migration window", Durations.format(goals.migrationWindow())));
        }
        if (goals.p95TargetMs() != null) {
            s.add(new SummaryField("p95 target", Durations.millis(goals.p95TargetMs())));
        }
        if (goals.rto() != null) {
            s.add(new SummaryField("RTO", Durations.format(goals.rto())));
        }
        if (goals.rpo() != null) {
            s.add(new SummaryField("RPO", Durations.format(goals.rpo())));
        }
        s.add(new SummaryField("Experiments", Integer.toString(experiments)));
        if (other > 0) {
            s.add(new SummaryField("Not in a story", other + " experiments of other kinds"));
        }
        if (!notes.isEmpty()) {
            s.add(new SummaryField("Note", String.join("; ", notes)));
        }
        s.add(new SummaryField("Source", "MigLab ledger"));
        return s;
    }

    private static List<Risk> risks(MigrationGoals goals) {
        List<Risk> r = new ArrayList<>();
        r.add(new Risk(
                "The migration overruns its window",
                "High",
                goals.migrationWindow() == null
                        ? "Time the job at several data sizes and project it to production size"
                        : "Time the job at several data sizes and stop at go/no-go if the projection passes "
                                + Durations.format(goals.migrationWindow())));
        r.add(new Risk("Data differs after the move", "High", "Validate parity table by table before cut-over"));
        r.add(new Risk(
                "The migration job is starved or killed on the cluster",
                "Medium",
                "Size the pod's requests and limits from measured CPU and memory"));
        if (goals.rollbackPlan() != null) {
            r.add(new Risk("The cut-over must be undone", "High", oneLine(goals.rollbackPlan())));
        }
        return r;
    }

    private static Status subtaskStatus(ExperimentStatus s) {
        return switch (s) {
            case SUCCEEDED -> Status.DONE;
            case RUNNING -> Status.IN_PROGRESS;
            case CANCELLED -> Status.CANCELLED;
                // Failed or interrupted: the work is still to do.
            case FAILED, INTERRUPTED -> Status.OPEN;
        };
    }

    private static String title(Experiment e) {
        String t = e.title() == null || e.title().isBlank() ? e.kind() : e.title();
        return oneLine(t);
    }

    private static String describe(Experiment e) {
        StringBuilder d = new StringBuilder("Experiment #")
                .append(e.id())
                .append(", ")
                .append(e.kind())
                .append(", ")
                .append(e.status().label());
        if (e.duration() != null) {
            d.append(", ").append(Durations.format(e.duration()));
        }
        if (e.error() != null && !e.error().isBlank()) {
            d.append(": ").append(e.error());
        }
        return oneLine(d.toString());
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return t.isEmpty() ? "-" : t;
    }
}
