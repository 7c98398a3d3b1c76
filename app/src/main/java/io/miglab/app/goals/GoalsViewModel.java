package io.miglab.app.goals;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.MigLabException;
import io.miglab.core.goals.Goals;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.goals.MigrationGoals.Objective;
import io.miglab.core.units.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Goals step as a form: why the migration happens, the recovery objectives, what the target will be, how to
 * roll back, and the thresholds later steps judge against (a p95 latency target, overall or per statement, and the
 * migration window). Every field is optional; each is checked as it is typed, with a one-line message beside it,
 * and the goals are kept per playbook through {@link Goals}.
 */
public final class GoalsViewModel {
    /** The longest duration a goal takes: MigrationGoals keeps them within a year. */
    public static final Duration LONGEST = Duration.ofDays(365);

    private static final Pattern ZERO = Pattern.compile("0+(\\.0+)?\\s*(ms|s|sec|m|min|h)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private final Goals goals;
    private final String playbookId;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Runnable onSaved;

    private final ObjectProperty<Objective> objective = new SimpleObjectProperty<>();
    private final Field rto = new Field("The RTO", GoalsViewModel::recoveryDuration);
    private final Field rpo = new Field("The RPO", GoalsViewModel::recoveryDuration);
    private final Field downtime = new Field("The downtime tolerance", GoalsViewModel::recoveryDuration);
    private final Field migrationWindow = new Field("The migration window", GoalsViewModel::positiveDuration);
    private final Field p95Target = new Field("The p95 target", GoalsViewModel::latency);
    private final Field statementTargets = new Field("A statement's p95 target", GoalsViewModel::statementTargets);
    private final StringProperty targetEngine = new SimpleStringProperty("");
    private final StringProperty targetVersion = new SimpleStringProperty("");
    private final StringProperty rollbackPlan = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final List<Field> fields = List.of(rto, rpo, downtime, migrationWindow, p95Target, statementTargets);

    /**
     * @param playbookId the playbook whose goals these are
     * @param onSaved called after the goals are stored, so pages that draw a threshold read it again
     */
    public GoalsViewModel(Goals goals, String playbookId, TaskRunner runner, DialogService dialogs, Runnable onSaved) {
        this.goals = goals;
        this.playbookId = playbookId;
        this.runner = runner;
        this.dialogs = dialogs;
        this.onSaved = onSaved;
        for (Field f : fields) {
            f.problem.addListener((obs, old, now) -> valid.set(fields.stream().allMatch(Field::ok)));
        }
    }

    /** A text field of the form: what is typed, and why it cannot be used (one line; empty when it can). */
    public static final class Field {
        private final String what;
        private final Function<String, Object> read;
        private final StringProperty text = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

        Field(String what, java.util.function.BiFunction<String, String, Object> read) {
            this.what = what;
            this.read = t -> read.apply(t, what);
            text.addListener((obs, old, now) -> check());
        }

        public StringProperty textProperty() {
            return text;
        }

        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }

        boolean ok() {
            return problem.get().isEmpty();
        }

        private void check() {
            try {
                value();
                problem.set("");
            } catch (MigLabException e) {
                problem.set(Errors.userMessage(e));
            }
        }

        /** The value, null when the field is empty; throws a one-line MigLabException when it cannot be read. */
        Object value() {
            String t = text.get() == null ? "" : text.get().strip();
            return t.isEmpty() ? null : read.apply(t);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    // --- state

    /** Why the migration happens; null until chosen. */
    public ObjectProperty<Objective> objectiveProperty() {
        return objective;
    }

    /** Recovery time objective: how long the service may be down after a failure ("15min", "4h"). */
    public Field rto() {
        return rto;
    }

    /** Recovery point objective: how much committed data may be lost ("0" for none, "5min"). */
    public Field rpo() {
        return rpo;
    }

    /** How long the cut-over itself may take. */
    public Field downtime() {
        return downtime;
    }

    /** How long the migration job may run, for go/no-go ("2h"). */
    public Field migrationWindow() {
        return migrationWindow;
    }

    /** The p95 every statement should stay under: "25ms", or a plain number of ms. */
    public Field p95Target() {
        return p95Target;
    }

    /** Per statement, a p95 target that overrides the overall one: one "name = 40ms" a line. */
    public Field statementTargets() {
        return statementTargets;
    }

    public StringProperty targetEngineProperty() {
        return targetEngine;
    }

    public StringProperty targetVersionProperty() {
        return targetVersion;
    }

    public StringProperty rollbackPlanProperty() {
        return rollbackPlan;
    }

    /** Every field can be read: Save is enabled. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** One line on what was loaded or saved. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    // --- commands

    /** Fills the form with the goals stored for the playbook. */
    public void load() {
        runner.submit(
                "Reading the goals",
                (p, cancel) -> goals.load(playbookId),
                g -> {
                    show(g);
                    status.set(g.isEmpty() ? "No goals yet: every field is optional." : "The goals as last saved.");
                },
                error -> dialogs.showError("Goals", Errors.userMessage(error)));
    }

    /** Stores the form as the playbook's goals; a field that cannot be read is named and nothing is stored. */
    public void save() {
        MigrationGoals g;
        try {
            g = goals();
        } catch (MigLabException e) {
            dialogs.showError("Goals", Errors.userMessage(e));
            return;
        }
        MigrationGoals chosen = g;
        runner.submit(
                "Saving the goals",
                (p, cancel) -> {
                    goals.save(playbookId, chosen);
                    return chosen;
                },
                saved -> {
                    status.set("Saved: the Baseline chart draws the p95 target.");
                    onSaved.run();
                },
                error -> dialogs.showError("Goals", Errors.userMessage(error)));
    }

    /** The goals the form holds now. */
    @SuppressWarnings("unchecked")
    public MigrationGoals goals() {
        for (Field f : fields) {
            if (!f.ok()) {
                throw new MigLabException(f.problem.get());
            }
        }
        Map<String, Double> perStatement = (Map<String, Double>) statementTargets.value();
        return new MigrationGoals(
                objective.get(),
                (Duration) rto.value(),
                (Duration) rpo.value(),
                (Duration) downtime.value(),
                targetEngine.get(),
                targetVersion.get(),
                rollbackPlan.get(),
                (Double) p95Target.value(),
                perStatement == null ? Map.of() : perStatement,
                (Duration) migrationWindow.value());
    }

    // --- helpers

    private void show(MigrationGoals g) {
        objective.set(g.objective());
        rto.text.set(duration(g.rto()));
        rpo.text.set(duration(g.rpo()));
        downtime.text.set(duration(g.downtime()));
        migrationWindow.text.set(duration(g.migrationWindow()));
        p95Target.text.set(g.p95TargetMs() == null ? "" : ms(g.p95TargetMs()));
        List<String> lines = new ArrayList<>();
        g.statementP95TargetsMs().forEach((name, target) -> lines.add(name + " = " + ms(target)));
        statementTargets.text.set(String.join("\n", lines));
        targetEngine.set(g.targetEngine() == null ? "" : g.targetEngine());
        targetVersion.set(g.targetVersion() == null ? "" : g.targetVersion());
        rollbackPlan.set(g.rollbackPlan() == null ? "" : g.rollbackPlan());
    }

    /** A duration as the form reads it back: whole units ("90min", "4h", "30s", "250ms"). */
    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static String ms(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + "ms";
    }

    /** RTO, RPO and downtime: zero is a goal ("no data loss"), else a duration up to a year. */
    private static Object recoveryDuration(String text, String what) {
        if (ZERO.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
            return Duration.ZERO;
        }
        return positiveDuration(text, what);
    }

    private static Object positiveDuration(String text, String what) {
        return Durations.parse(text, what, Durations.SHORTEST, LONGEST);
    }

    /** A latency in ms: "25ms", "1.5s", or a plain number of ms. */
    private static Object latency(String text, String what) {
        if (PLAIN_NUMBER.matcher(text).matches()) {
            text = text + "ms";
        }
        Duration d = Durations.parse(text, what, Duration.ofNanos(1_000), Duration.ofHours(1));
        return d.toNanos() / 1e6;
    }

    private static Object statementTargets(String text, String what) {
        Map<String, Double> targets = new LinkedHashMap<>();
        int line = 0;
        for (String raw : text.split("\\R")) {
            line++;
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0 || l.substring(0, eq).isBlank()) {
                throw new MigLabException(
                        "Line " + line + " of the statement targets: write the statement's name, '=' and a latency,"
                                + " as in 'rentals_by_customer = 40ms'.");
            }
            String name = l.substring(0, eq).strip();
            targets.put(name, (Double)
                    latency(l.substring(eq + 1).strip(), "The p95 target of " + name + " (line " + line + ")"));
        }
        return targets;
    }
}
