package io.miglab.core.goals;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the migration must achieve and may not break, as the Goals step records it: the objective, recovery
 * objectives, what the target will be, how to roll back, and the thresholds later steps judge against (a p95
 * latency target, overall or per statement, and the migration window for go/no-go). Every field is optional: a
 * learner may fill in only the window.
 *
 * @param rto recovery time objective: how long the service may be down after a failure
 * @param rpo recovery point objective: how much committed data may be lost
 * @param downtime how long the cut-over itself may take
 * @param p95TargetMs the p95 latency every statement should stay under, in ms
 * @param statementP95TargetsMs per statement name, a p95 target that overrides the overall one
 * @param migrationWindow how long the migration job may run (for example the 2 h a release allows)
 */
public record MigrationGoals(
        Objective objective,
        Duration rto,
        Duration rpo,
        Duration downtime,
        String targetEngine,
        String targetVersion,
        String rollbackPlan,
        Double p95TargetMs,
        Map<String, Double> statementP95TargetsMs,
        Duration migrationWindow) {

    /** Why the migration happens; shapes which playbook steps matter most. */
    public enum Objective {
        UPGRADE("Major-version upgrade"),
        REPLATFORM("Replatform"),
        CLOUD_MOVE("Move to the cloud"),
        MULTI_REGION("Multi-region"),
        COMPLIANCE("Compliance");

        private final String label;

        Objective(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Objective parse(String text) {
            for (Objective o : values()) {
                if (o.name().equalsIgnoreCase(text.strip().replace('-', '_').replace(' ', '_'))
                        || o.label.equalsIgnoreCase(text.strip())) {
                    return o;
                }
            }
            throw new MigLabException("'" + text + "' is not an objective; use upgrade, replatform, cloud-move,"
                    + " multi-region or compliance.");
        }
    }

    private static final Duration LONGEST = Duration.ofDays(365);
    private static final int LONGEST_TEXT = 4000;

    public MigrationGoals {
        check(rto, "The RTO");
        check(rpo, "The RPO");
        check(downtime, "The downtime tolerance");
        check(migrationWindow, "The migration window");
        targetEngine = text(targetEngine, "The target engine", 100);
        targetVersion = text(targetVersion, "The target version", 40);
        rollbackPlan = text(rollbackPlan, "The rollback plan", LONGEST_TEXT);
        if (p95TargetMs != null) {
            p95TargetMs = latency(p95TargetMs, "The p95 target");
        }
        TreeMap<String, Double> targets = new TreeMap<>();
        if (statementP95TargetsMs != null) {
            statementP95TargetsMs.forEach(
                    (name, ms) -> targets.put(name.strip(), latency(ms, "The p95 target of " + name.strip())));
        }
        statementP95TargetsMs = Map.copyOf(targets);
    }

    public static MigrationGoals none() {
        return new MigrationGoals(null, null, null, null, null, null, null, null, Map.of(), null);
    }

    /** The p95 target that applies to {@code statement}: its own, else the overall one, else null. */
    public Double p95TargetFor(String statement) {
        Double own = statementP95TargetsMs.get(statement);
        return own != null ? own : p95TargetMs;
    }

    /** Whether nothing has been filled in. */
    public boolean isEmpty() {
        return equals(none());
    }

    public MigrationGoals withMigrationWindow(Duration window) {
        return new MigrationGoals(
                objective,
                rto,
                rpo,
                downtime,
                targetEngine,
                targetVersion,
                rollbackPlan,
                p95TargetMs,
                statementP95TargetsMs,
                window);
    }

    public MigrationGoals withP95TargetMs(Double target) {
        return new MigrationGoals(
                objective,
                rto,
                rpo,
                downtime,
                targetEngine,
                targetVersion,
                rollbackPlan,
                target,
                statementP95TargetsMs,
                migrationWindow);
    }

    private static void check(Duration d, String what) {
        if (d != null && (d.isNegative() || d.compareTo(LONGEST) > 0)) {
            throw new MigLabException(what + " must be from 0 to 365 days, not " + Durations.format(d) + ".");
        }
    }

    private static double latency(Double ms, String what) {
        if (ms == null || ms.isNaN() || ms <= 0 || ms > 3_600_000) {
            throw new MigLabException(what + " must be a latency above 0 ms and at most an hour, not "
                    + (ms == null ? "nothing" : String.format(Locale.ROOT, "%s ms", ms)) + ".");
        }
        return ms;
    }

    private static String text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new MigLabException(what + " is longer than " + max + " characters.");
        }
        return v;
    }
}
