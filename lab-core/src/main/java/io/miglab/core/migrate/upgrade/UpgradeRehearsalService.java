package io.miglab.core.migrate.upgrade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.migrate.ClientTools;
import io.miglab.core.migrate.dump.DumpFormat;
import io.miglab.core.migrate.dump.DumpRequest;
import io.miglab.core.migrate.dump.DumpRestore;
import io.miglab.core.migrate.dump.RestoreRequest;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.validate.ValidationReport;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.validate.Validations;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@link UpgradeRehearsal} on the workspace's dump/restore, lab instances, validation and baselines. */
public final class UpgradeRehearsalService implements UpgradeRehearsal {
    static final List<String> STEPS =
            List.of("dump", "start", "restore", "validate", "baseline old", "baseline new", "compare");

    private final Ledger ledger;
    private final TargetRegistry targets;
    private final LabInstanceManager labInstances;
    private final DumpRestore dumps;
    private final Validations validations;
    private final Baselines baselines;
    private final ClientTools tools;

    public UpgradeRehearsalService(
            Ledger ledger,
            TargetRegistry targets,
            LabInstanceManager labInstances,
            DumpRestore dumps,
            Validations validations,
            Baselines baselines,
            ClientTools tools) {
        this.ledger = ledger;
        this.targets = targets;
        this.labInstances = labInstances;
        this.dumps = dumps;
        this.validations = validations;
        this.baselines = baselines;
        this.tools = tools;
    }

    @Override
    public Offer offer(UpgradeRequest request) {
        Target source = targets.get(request.from());
        int major;
        if (source.labInstance()) {
            major = labInstances.describe(source.name()).major();
        } else {
            try (Connection c = targets.connector(source.name()).openOrExplain(request.database())) {
                major = PgVersion.of(c).major();
            } catch (SQLException e) {
                return new Offer(false, null, "Cannot read the version of '" + source.name() + "': " + e.getMessage());
            }
        }
        if (major >= request.toMajor()) {
            return new Offer(
                    false,
                    null,
                    "'" + source.name() + "' runs PostgreSQL " + major + "; an upgrade rehearsal goes to a newer major"
                            + " than that, not " + request.toMajor() + ".");
        }
        List<ClientTools.ClientTool> found = tools.all(ClientTools.Tool.PG_DUMP);
        if (found.stream().noneMatch(t -> t.major() >= major)) {
            return new Offer(
                    false,
                    null,
                    "pg_dump " + major + " or newer is needed for PostgreSQL " + major + " on '" + source.name() + "'; "
                            + (found.isEmpty()
                                    ? "this machine has none"
                                    : "this machine has pg_dump " + found.get(0).major() + " ("
                                            + found.get(0).path() + ")")
                            + ". Install postgresql-client-" + major + " or set " + ClientTools.BIN_VARIABLE + ".");
        }
        String command = "miglab upgrade rehearse --from " + source.name()
                + (request.database() == null ? "" : " --database " + request.database()) + " --to-version "
                + request.toMajor() + " --to " + request.to();
        return new Offer(true, command, null);
    }

    @Override
    public Rehearsal rehearse(UpgradeRequest request, ProgressListener progress, Cancellation cancellation) {
        Target source = targets.get(request.from());
        targets.find(request.to()).ifPresent(t -> {
            if (!t.labInstance()) {
                throw new MigLabException("'" + request.to() + "' is a registered target, not a lab instance; the"
                        + " rehearsal restores into a lab instance: choose another --to.");
            }
        });
        if (source.labInstance() && !labInstances.describe(source.name()).running()) {
            progress.report(Progress.indeterminate("Starting lab instance '" + source.name() + "'"));
            labInstances.start(source.name(), progress);
        }
        TargetConnector sourceConnector = targets.connector(source.name());
        String database = request.database() != null ? request.database() : sourceConnector.defaultDatabase();
        PgVersion fromVersion;
        TargetFingerprint fingerprint;
        try (Connection c = sourceConnector.openOrExplain(database)) {
            fromVersion = PgVersion.of(c);
            fingerprint = ServerFingerprint.capture(source.name(), c, database);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read " + database + " on '" + source.name() + "': " + e.getMessage(), e);
        }
        if (fromVersion.major() >= request.toMajor()) {
            throw new MigLabException("'" + source.name() + "' runs PostgreSQL " + fromVersion + "; an upgrade"
                    + " rehearsal goes to a newer major, not " + request.toMajor() + ".");
        }
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("from", source.name());
        params.put("database", database);
        params.put("fromVersion", fromVersion.toString());
        params.put("toMajor", request.toMajor());
        params.put("to", request.to());
        params.put("iterations", request.iterations());
        params.put("jobs", request.jobs());
        long started = System.nanoTime();
        Path temp;
        try {
            temp = Files.createTempDirectory("miglab-upgrade-");
        } catch (IOException e) {
            throw new MigLabException("Cannot create a temporary folder for the dump: " + e.getMessage(), e);
        }
        try (ExperimentRun run = ledger.begin(
                KIND,
                "Upgrade rehearsal of " + database + ": " + source.name() + " (PostgreSQL " + fromVersion + ") to "
                        + request.to() + " (PostgreSQL " + request.toMajor() + ")",
                fingerprint,
                params)) {
            Steps steps = new Steps(run.id(), progress);
            String toVersion = null;
            Comparison comparison = null;
            String failure = null;
            try {
                DumpRestore.Dump dump = steps.run("dump", () -> {
                    DumpRestore.Dump d = dumps.dump(
                            new DumpRequest(
                                    source.name(), database, temp.resolve("dump"), DumpFormat.CUSTOM, 1, List.of()),
                            steps.progress(),
                            cancellation);
                    return new Outcome<>(
                            d,
                            d.experimentId(),
                            String.format(
                                    Locale.ROOT,
                                    "%d table(s), %.1f MB with %s",
                                    d.tables().size(),
                                    d.bytes() / 1e6,
                                    d.tool()));
                });
                LabInstance destination = steps.run("start", () -> {
                    LabInstance l = labInstances.start(request.to(), request.toMajor(), steps.progress());
                    return new Outcome<>(
                            l,
                            0,
                            "lab instance '" + l.name() + "', PostgreSQL " + l.serverVersion() + ", port " + l.port());
                });
                toVersion = destination.serverVersion();
                DumpRestore.Restore restore = steps.run("restore", () -> {
                    // A rerun replaces the copy: pg_restore --clean cannot drop partitions' inherited keys.
                    boolean replaced = dropDatabase(request.to(), database);
                    DumpRestore.Restore r = dumps.restore(
                            new RestoreRequest(
                                    Path.of(dump.path()), request.to(), database, request.jobs(), true, false),
                            steps.progress(),
                            cancellation);
                    return new Outcome<>(
                            r,
                            r.experimentId(),
                            (replaced ? "replaced the earlier copy; " : "")
                                    + r.tables().size() + " table(s) with " + r.tool() + ", -j " + r.jobs());
                });
                toVersion = restore.serverVersion();
                steps.run("validate", () -> {
                    Validations.Validation validation = validations.validate(
                            new ValidationRequest(
                                    source.name(), request.to(), database, database, List.of(), List.of(), null),
                            steps.progress(),
                            cancellation);
                    ValidationReport v = validation.report();
                    long id = validation.experimentId();
                    long rows =
                            v.tables().stream().mapToLong(t -> t.sourceRows()).sum();
                    if (!v.passed()) {
                        List<String> failed = v.checks().stream()
                                .filter(c -> !c.passed())
                                .map(c -> c.name() + ": " + c.summary())
                                .toList();
                        throw new StepFailed(id, "validation failed: " + String.join("; ", failed));
                    }
                    return new Outcome<>(
                            v,
                            id,
                            v.tables().size() + " table(s), " + rows + " row(s) identical, "
                                    + v.checks().size() + " checks passed");
                });
                BaselineOptions options = BaselineOptions.defaults()
                        .withIterations(request.iterations())
                        .withWarmup(1);
                long oldBaseline = steps.run(
                        "baseline old", () -> baseline(source.name(), database, request, options, steps, cancellation));
                long newBaseline = steps.run(
                        "baseline new", () -> baseline(request.to(), database, request, options, steps, cancellation));
                comparison = steps.run("compare", () -> {
                    Comparison c = baselines.compare(oldBaseline, newBaseline, CompareOptions.defaults());
                    return new Outcome<>(c, 0, verdicts(c));
                });
                run.attachJson("comparison.json", comparison);
            } catch (StepFailed e) {
                failure = e.getMessage();
            } catch (CancelledException e) {
                run.attachJson(
                        "upgrade.json",
                        new UpgradeReport(
                                source.name(),
                                database,
                                fromVersion.toString(),
                                request.to(),
                                toVersion,
                                steps.all(),
                                false,
                                "Cancelled.",
                                comparison,
                                (System.nanoTime() - started) / 1e9));
                run.cancelled();
                throw e;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            UpgradeReport report = new UpgradeReport(
                    source.name(),
                    database,
                    fromVersion.toString(),
                    request.to(),
                    toVersion,
                    steps.all(),
                    failure == null,
                    failure,
                    comparison,
                    seconds);
            run.attachJson("upgrade.json", report);
            run.measure("elapsed", seconds, "s");
            for (Step s : steps.all()) {
                if (!s.outcome().equals("skipped")) {
                    run.measure(s.name() + " time", s.seconds(), "s");
                }
            }
            run.tag("pg" + fromVersion.major() + "-to-pg" + request.toMajor());
            if (failure == null) {
                run.succeed();
            } else {
                run.fail(failure);
            }
            return new Rehearsal(run.id(), report);
        } finally {
            deleteQuietly(temp);
        }
    }

    private Outcome<Long> baseline(
            String target,
            String database,
            UpgradeRequest request,
            BaselineOptions options,
            Steps steps,
            Cancellation cancellation) {
        Baselines.Run b = baselines.run(
                new BaselineRequest(target, database, request.workload(), options),
                steps.progress(),
                BaselineListener.NONE,
                cancellation);
        cancellation.checkpoint();
        Experiment e = ledger.find(b.experimentId()).orElseThrow();
        if (e.status() != ExperimentStatus.SUCCEEDED) {
            throw new StepFailed(
                    b.experimentId(),
                    "the baseline on '" + target + "' " + e.status().label() + ": " + e.error());
        }
        return new Outcome<>(
                b.experimentId(),
                b.experimentId(),
                String.format(
                        Locale.ROOT,
                        "%d statement(s), %d executions, p50 %.3f ms",
                        b.result().statements().size(),
                        b.result().executions(),
                        b.result().latency() == null
                                ? Double.NaN
                                : b.result().latency().p50Ms()));
    }

    /** Drops the database on the rehearsal's own lab instance; true when there was one. */
    private boolean dropDatabase(String labInstance, String database) {
        TargetConnector connector = targets.connector(labInstance);
        if (!connector.target().labInstance()) {
            throw new IllegalStateException(labInstance + " is not a lab instance");
        }
        try (Connection c = connector.openOrExplain(null);
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE \"" + database.replace("\"", "\"\"") + "\" WITH (FORCE)");
            }
            return true;
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot replace " + database + " on lab instance '" + labInstance + "': " + e.getMessage(), e);
        }
    }

    private static String verdicts(Comparison c) {
        long faster = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.FASTER)
                .count();
        long slower = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.SLOWER)
                .count();
        long few = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.INSUFFICIENT_DATA)
                .count();
        long same = c.statements().size() - faster - slower - few;
        return c.statements().size() + " statement(s) on the new major: " + faster + " faster, " + slower + " slower, "
                + same + " no significant change" + (few > 0 ? ", " + few + " too few samples" : "");
    }

    private long latest(String kind) {
        return ledger.list(new io.miglab.core.ledger.ExperimentFilter(kind, null, null, null, 1)).stream()
                .findFirst()
                .map(Experiment::id)
                .orElse(0L);
    }

    /** What a step produced, the experiment holding it, and one line for the report. */
    private record Outcome<T>(T value, long experimentId, String detail) {}

    /** A step that ran to its end with a result that stops the rehearsal (validation found differences). */
    private static final class StepFailed extends MigLabException {
        final long experimentId;

        StepFailed(long experimentId, String message) {
            super(message);
            this.experimentId = experimentId;
        }
    }

    /** Runs the steps in order, links their experiments, and reports progress as "step 3 of 7". */
    private final class Steps {
        private final long upgradeId;
        private final ProgressListener outer;
        private final List<Step> done = new ArrayList<>();
        private String current = "";

        Steps(long upgradeId, ProgressListener outer) {
            this.upgradeId = upgradeId;
            this.outer = outer;
        }

        ProgressListener progress() {
            String prefix = "Step " + (done.size() + 1) + " of " + STEPS.size() + ", " + current + ": ";
            return p -> outer.report(new Progress(prefix + p.message(), p.done(), p.total()));
        }

        <T> T run(String name, Supplier<Outcome<T>> work) {
            current = name;
            outer.report(Progress.indeterminate("Step " + (done.size() + 1) + " of " + STEPS.size() + ": " + name));
            long t0 = System.nanoTime();
            try {
                Outcome<T> o = work.get();
                if (o.experimentId() > 0) {
                    ledger.link(o.experimentId(), STEP_OF, upgradeId);
                }
                done.add(new Step(name, "passed", o.experimentId(), (System.nanoTime() - t0) / 1e9, o.detail()));
                return o.value();
            } catch (CancelledException e) {
                throw e;
            } catch (StepFailed e) {
                if (e.experimentId > 0) {
                    ledger.link(e.experimentId, STEP_OF, upgradeId);
                }
                fail(name, e.experimentId, t0, e.getMessage());
                throw e;
            } catch (MigLabException e) {
                long id = latestOfStep(name);
                fail(name, id, t0, e.getMessage());
                // The hint says what to do (what to install, what to unlock): the rehearsal's reason keeps it.
                throw new StepFailed(
                        id, name + " failed: " + e.getMessage() + (e.hint() == null ? "" : " " + e.hint()));
            } catch (RuntimeException e) {
                fail(name, 0, t0, String.valueOf(e.getMessage()));
                throw new StepFailed(0, name + " failed: " + e);
            }
        }

        private long latestOfStep(String name) {
            String kind =
                    switch (name) {
                        case "dump" -> DumpRestore.DUMP_KIND;
                        case "restore" -> DumpRestore.RESTORE_KIND;
                        case "validate" -> Validations.KIND;
                        default -> null;
                    };
            if (kind == null) {
                return 0;
            }
            long id = latest(kind);
            // Only an experiment this rehearsal started: newer than the rehearsal's own.
            if (id > upgradeId) {
                ledger.link(id, STEP_OF, upgradeId);
                return id;
            }
            return 0;
        }

        private void fail(String name, long id, long t0, String message) {
            done.add(new Step(name, "failed", id, (System.nanoTime() - t0) / 1e9, message));
            for (int i = done.size(); i < STEPS.size(); i++) {
                done.add(new Step(STEPS.get(i), "skipped", 0, 0, ""));
            }
        }

        List<Step> all() {
            return List.copyOf(done);
        }
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort.
                }
            });
        } catch (IOException ignored) {
            // Nothing left.
        }
    }
}
