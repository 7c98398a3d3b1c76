package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.units.Durations;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which workload to measure, where and how: the one input of {@link Baselines#run}.
 *
 * @param database a database on the target's server, or null for the target's own
 */
public record BaselineRequest(String target, String database, WorkloadSource workload, BaselineOptions options) {

    /** Where the statements come from. */
    public sealed interface WorkloadSource {
        /** Statements already read: the bundled Pagila workload, a playbook's, or one built in the app. */
        record Given(Workload workload) implements WorkloadSource {}

        /** A workload file (-- name: ... lines), read when the baseline starts. */
        record File(Path path) implements WorkloadSource {}

        /** The heaviest reads of pg_stat_statements on the target, without parameters. */
        record TopStatements(int count) implements WorkloadSource {
            public TopStatements {
                io.miglab.core.units.Ranges.require(count, 1, 100, "The number of top statements");
            }
        }
    }

    public BaselineRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to run the baseline on.");
        }
        if (workload == null) {
            throw new MigLabException("Choose a workload: a file, the bundled one, or the top statements.");
        }
        if (options == null) {
            throw new MigLabException("A baseline needs its options.");
        }
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /**
     * From a playbook step: {@code target}, {@code workload} (a file) or {@code top-statements} (a count), and
     * optionally {@code database}, {@code duration} (30s) or {@code iterations}, {@code clients}, {@code warmup},
     * {@code statement-timeout}.
     */
    public static BaselineRequest fromParameters(Parameters p) {
        p.allowOnly(
                "target",
                "database",
                "workload",
                "top-statements",
                "duration",
                "iterations",
                "clients",
                "warmup",
                "statement-timeout");
        String file = p.optional("workload");
        String top = p.optional("top-statements");
        if ((file == null) == (top == null)) {
            throw new MigLabException("A baseline step takes either 'workload' (a file) or 'top-statements'.");
        }
        WorkloadSource source = file != null
                ? new WorkloadSource.File(Path.of(file))
                : new WorkloadSource.TopStatements(p.integer("top-statements", 10, 1, 100));
        BaselineOptions options = BaselineOptions.defaults()
                .withClients(p.integer("clients", 1, 1, 1000))
                .withWarmup(p.integer("warmup", 1, 0, 100_000))
                .withStatementTimeout(
                        p.duration("statement-timeout", Duration.ofSeconds(30), Durations.SHORTEST, Durations.LONGEST));
        Duration duration = p.duration("duration", null, Durations.SHORTEST, Durations.LONGEST);
        if (duration != null) {
            options = options.withDuration(duration);
        } else {
            options = options.withIterations(p.integer("iterations", 100, 1, 10_000_000));
        }
        return new BaselineRequest(p.required("target"), p.optional("database"), source, options);
    }
}
