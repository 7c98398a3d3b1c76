package io.miglab.core.migrate.upgrade;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.PostgresRelease;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.BaselineRequest.WorkloadSource;

/**
 * A major-version upgrade to rehearse: the one input of {@link UpgradeRehearsal#rehearse}.
 *
 * @param from the target on the old major (usually a lab instance, {@code miglab lab start --name old --pg-version
 *     15}); only read
 * @param database the database to move, or null for the source's own
 * @param toMajor the new major, one MigLab runs lab instances of
 * @param to the lab instance on the new major, created and started when missing; null for {@code <from>-pg<major>}
 * @param workload what the baseline on both sides runs
 * @param iterations passes through the workload per side
 * @param jobs pg_restore {@code -j}
 */
public record UpgradeRequest(
        String from, String database, int toMajor, String to, WorkloadSource workload, int iterations, int jobs) {
    public static final int DEFAULT_ITERATIONS = 20;

    public UpgradeRequest {
        if (from == null || from.isBlank()) {
            throw new MigLabException("Choose the target to upgrade from (--from).");
        }
        from = from.strip();
        if (PostgresRelease.supported().stream().noneMatch(r -> r.major() == toMajor)) {
            throw new MigLabException(
                    "--to-version must be one of " + PostgresRelease.majors() + ", not " + toMajor + ".");
        }
        to = to == null || to.isBlank() ? from + "-pg" + toMajor : to.strip();
        LabInstanceManager.validateName(to);
        if (to.equals(from)) {
            throw new MigLabException("The rehearsal restores into another lab instance than its source: choose"
                    + " another --to than '" + from + "'.");
        }
        if (workload == null) {
            throw new MigLabException("Choose the workload the baselines run: a file or the bundled one.");
        }
        Ranges.require(iterations, 1, 100_000, "Iterations");
        Ranges.require(jobs, 1, 64, "-j");
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /**
     * From a playbook step: {@code from} and {@code to-version}, optionally {@code database}, {@code to},
     * {@code workload} (a file; else {@code defaultWorkload}, for Pagila the bundled one), {@code iterations},
     * {@code jobs}.
     */
    public static UpgradeRequest fromParameters(Parameters p, WorkloadSource defaultWorkload) {
        p.allowOnly("from", "database", "to-version", "to", "workload", "iterations", "jobs");
        String file = p.optional("workload");
        p.required("to-version");
        return new UpgradeRequest(
                p.required("from"),
                p.optional("database"),
                p.integer("to-version", 0, 1, 99),
                p.optional("to"),
                file != null ? new WorkloadSource.File(java.nio.file.Path.of(file)) : defaultWorkload,
                p.integer("iterations", DEFAULT_ITERATIONS, 1, 100_000),
                p.integer("jobs", defaultJobs(), 1, 64));
    }

    /** The defaults: {@value #DEFAULT_ITERATIONS} passes, pg_restore with up to 4 workers. */
    public static UpgradeRequest of(String from, String database, int toMajor, WorkloadSource workload) {
        return new UpgradeRequest(from, database, toMajor, null, workload, DEFAULT_ITERATIONS, defaultJobs());
    }

    /** pg_restore workers by default: the cores, at most 4. */
    static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
