package io.miglab.core.advisor.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.lab.LabInstances;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.AbTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link ConfigAdvisor} on a workspace's ledger, targets, lab instances and A/B tests. */
public final class ConfigAdvisorService implements ConfigAdvisor {
    static final String SNAPSHOT = "snapshot.json";
    static final String SQL = "alter-system.sql";
    /** How long a reload may take to show in pg_settings before the apply reports what it sees. */
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private final Ledger ledger;
    private final TargetRegistry targets;
    private final LabInstances labInstances;
    private final AbTests abTests;
    private final Supplier<MachineResources> machine;
    private MachineResources machineRead;

    public ConfigAdvisorService(
            Ledger ledger,
            TargetRegistry targets,
            LabInstances labInstances,
            AbTests abTests,
            Supplier<MachineResources> machine) {
        this.ledger = ledger;
        this.targets = targets;
        this.labInstances = labInstances;
        this.abTests = abTests;
        this.machine = machine;
    }

    @Override
    public ConfigAdvice advise(PgTuneInputs inputs) {
        return PgTune.advise(inputs);
    }

    @Override
    public synchronized MachineResources machine() {
        if (machineRead == null) {
            machineRead = machine.get();
        }
        return machineRead;
    }

    @Override
    public PgTuneInputs defaults(String target, String database) {
        MachineResources m = machine();
        long ram = Math.max(PgTuneInputs.MIN_RAM, Math.min(m.ramBytes(), PgTuneInputs.MAX_RAM));
        PgTuneInputs in = PgTuneInputs.forMachine(ram, m.cpus()).withOs(PgTuneInputs.Os.current());
        if (target == null) {
            return in;
        }
        try (Connection c = targets.connector(target).openOrExplain(database)) {
            int major = PgVersion.of(c).major();
            return in.withVersion(Math.max(PgTuneInputs.MIN_VERSION, Math.min(major, PgTuneInputs.MAX_VERSION)));
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the server version of " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SettingDiff> diff(String target, String database, ConfigAdvice advice) {
        try (Connection c = targets.connector(target).openOrExplain(database)) {
            return diff(c, advice);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read pg_settings on " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean writable(String target) {
        return targets.connector(target).writable();
    }

    @Override
    public ConfigApplyResult apply(ConfigApplyRequest request, ProgressListener progress, Cancellation cancellation) {
        String target = request.target();
        TargetConnector connector = targets.connector(target);
        ConfigAdvice advice = PgTune.advise(request.inputs());
        List<SettingDiff> before = diff(target, request.database(), advice);
        List<String> statements = before.stream()
                .filter(SettingDiff::applicable)
                .map(d -> advice.find(d.name()).orElseThrow().alterSystem())
                .toList();
        if (!connector.writable()) {
            throw refusal(target);
        }
        cancellation.checkpoint();
        progress.report(Progress.of("Taking a snapshot of the settings that change", 0, 4));
        List<SettingSnapshot> snapshot = snapshot(connector, request.database(), before, advice);
        ObjectNode params = Json.mapper().createObjectNode();
        if (request.database() != null) {
            params.put("database", request.database());
        }
        params.set("inputs", Json.mapper().valueToTree(request.inputs()));
        params.set(
                "changes",
                Json.mapper()
                        .valueToTree(snapshot.stream()
                                .collect(Collectors.toMap(
                                        SettingSnapshot::name,
                                        SettingSnapshot::applied,
                                        (a, b) -> b,
                                        LinkedHashMap::new))));
        String title = "Config advice applied on " + target + ": " + snapshot.size() + " setting"
                + (snapshot.size() == 1 ? "" : "s");
        try (ExperimentRun run = ledger.begin(
                APPLY_KIND, title, ServerFingerprint.capture(target, connector, request.database()), params)) {
            try {
                run.attachJson(SNAPSHOT, snapshot);
                run.attach(
                        SQL, "text/plain", (String.join(";\n", statements) + ";\n").getBytes(StandardCharsets.UTF_8));
                progress.report(Progress.of("ALTER SYSTEM SET " + snapshot.size() + " settings", 1, 4));
                execute(
                        connector,
                        request.database(),
                        snapshot.stream().map(SettingSnapshot::applySql).toList(),
                        snapshot.stream().map(SettingSnapshot::restoreSql).toList());
                Outcome outcome = takeEffect(target, request.database(), snapshot, progress);
                List<SettingDiff> after = settle(target, request.database(), advice, snapshot, outcome.restartNeeded());
                run.measure("settings.changed", snapshot.size(), "count");
                run.measure("restarted", outcome.restarted() ? 1 : 0, "flag");
                run.succeed();
                progress.report(Progress.of("Settings applied", 4, 4));
                return new ConfigApplyResult(
                        run.id(), target, snapshot, outcome.restarted(), outcome.restartNeeded(), after);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    @Override
    public ConfigApplyResult rollback(long applyExperiment, ProgressListener progress, Cancellation cancellation) {
        Applied applied = applied(applyExperiment);
        TargetConnector connector = targets.connector(applied.target());
        if (!connector.writable()) {
            throw refusal(applied.target());
        }
        cancellation.checkpoint();
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("undoes", applyExperiment);
        if (applied.database() != null) {
            params.put("database", applied.database());
        }
        String title = "Config rollback on " + applied.target() + " of experiment " + applyExperiment;
        try (ExperimentRun run = ledger.begin(
                ROLLBACK_KIND,
                title,
                ServerFingerprint.capture(applied.target(), connector, applied.database()),
                params)) {
            try {
                ledger.link(run.id(), ExperimentLink.UNDOES, applyExperiment);
                progress.report(Progress.of("Putting back " + applied.snapshot().size() + " settings", 1, 4));
                List<String> restore = applied.snapshot().stream()
                        .map(SettingSnapshot::restoreSql)
                        .toList();
                run.attach(SQL, "text/plain", (String.join(";\n", restore) + ";\n").getBytes(StandardCharsets.UTF_8));
                execute(connector, applied.database(), restore, List.of());
                Outcome outcome = takeEffect(applied.target(), applied.database(), applied.snapshot(), progress);
                ConfigAdvice advice = PgTune.advise(applied.inputs());
                List<SettingDiff> after = awaitRestored(applied, advice, outcome.restartNeeded());
                run.measure("settings.restored", applied.snapshot().size(), "count");
                run.measure("restarted", outcome.restarted() ? 1 : 0, "flag");
                run.succeed();
                progress.report(Progress.of("Settings rolled back", 4, 4));
                return new ConfigApplyResult(
                        run.id(),
                        applied.target(),
                        applied.snapshot(),
                        outcome.restarted(),
                        outcome.restartNeeded(),
                        after);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    @Override
    public AbRun prove(ConfigProveRequest request, ProgressListener progress, Cancellation cancellation) {
        Applied applied = applied(request.applyExperiment());
        boolean restart = applied.snapshot().stream().anyMatch(SettingSnapshot::needsRestart);
        String aSetup = script(
                applied.snapshot().stream().map(SettingSnapshot::restoreSql).toList());
        String bSetup = script(
                applied.snapshot().stream().map(SettingSnapshot::applySql).toList());
        AbRequest.AbSide a = AbRequest.AbSide.of("A: before experiment " + request.applyExperiment(), aSetup);
        AbRequest.AbSide b =
                AbRequest.AbSide.of("B: config advice (experiment " + request.applyExperiment() + ")", bSetup);
        if (restart) {
            a = a.withRestart();
            b = b.withRestart();
        }
        AbRequest ab = new AbRequest(
                applied.target(),
                request.database() != null ? request.database() : applied.database(),
                request.workload(),
                a,
                b,
                request.rounds(),
                request.round(),
                request.applyExperiment());
        AbRun run;
        try {
            run = abTests.run(ab, progress, cancellation);
        } catch (RuntimeException e) {
            try {
                keepApplied(applied);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        keepApplied(applied);
        return run;
    }

    /** The rounds end on either side; the applied configuration is what the target keeps. */
    private void keepApplied(Applied applied) {
        execute(
                targets.connector(applied.target()),
                applied.database(),
                applied.snapshot().stream().map(SettingSnapshot::applySql).toList(),
                List.of());
        takeEffect(applied.target(), applied.database(), applied.snapshot(), ProgressListener.NONE);
    }

    private static String script(List<String> statements) {
        List<String> all = new ArrayList<>(statements);
        all.add("SELECT pg_reload_conf()");
        return all.stream().map(s -> s + ";").collect(Collectors.joining("\n"));
    }

    private static MigLabException refusal(String target) {
        return new MigLabException("Writes are locked on guarded target '" + target + "': no setting was changed."
                + " Unlock it first (miglab target unlock " + target + " --reason \"...\"), or run the ALTER SYSTEM"
                + " statements shown by: miglab advise config --target " + target);
    }

    /** What a reload or restart did. */
    private record Outcome(boolean restarted, boolean restartNeeded) {}

    /** Reloads, and restarts a lab instance when a setting of context postmaster changed. */
    private Outcome takeEffect(String name, String database, List<SettingSnapshot> changed, ProgressListener progress) {
        progress.report(Progress.of("Reloading the configuration (pg_reload_conf)", 2, 4));
        execute(targets.connector(name), database, List.of("SELECT pg_reload_conf()"), List.of());
        boolean needsRestart = changed.stream().anyMatch(SettingSnapshot::needsRestart);
        if (!needsRestart) {
            return new Outcome(false, false);
        }
        Target target = targets.get(name);
        if (!target.labInstance()) {
            return new Outcome(false, true);
        }
        progress.report(Progress.of("Restarting lab instance " + name + " for settings that need it", 3, 4));
        labInstances.restart(name, ProgressListener.NONE);
        return new Outcome(true, false);
    }

    /** The diff once the reload shows: every reloadable change in pg_settings (bounded wait). */
    private List<SettingDiff> settle(
            String target,
            String database,
            ConfigAdvice advice,
            List<SettingSnapshot> changed,
            boolean restartPending) {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            List<SettingDiff> now = diff(target, database, advice);
            boolean done = now.stream()
                    .filter(d -> changed.stream().anyMatch(s -> s.name().equals(d.name())))
                    .filter(d -> !(restartPending && d.needsRestart()))
                    .noneMatch(SettingDiff::differs);
            if (done || System.nanoTime() > deadline) {
                return now;
            }
            pause();
        }
    }

    /** The diff once the rollback shows: every restored reloadable setting back at its snapshot value. */
    private List<SettingDiff> awaitRestored(Applied applied, ConfigAdvice advice, boolean restartPending) {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            boolean done;
            try (Connection c = targets.connector(applied.target()).openOrExplain(applied.database())) {
                Map<String, Row> rows = rows(
                        c,
                        applied.snapshot().stream().map(SettingSnapshot::name).toList());
                done = applied.snapshot().stream()
                        .filter(s -> !(restartPending && s.needsRestart()))
                        .allMatch(s -> rows.containsKey(s.name())
                                && rows.get(s.name()).setting().equals(s.setting()));
            } catch (SQLException e) {
                throw new MigLabException("Cannot read pg_settings on " + applied.target() + ": " + e.getMessage(), e);
            }
            if (done || System.nanoTime() > deadline) {
                return diff(applied.target(), applied.database(), advice);
            }
            pause();
        }
    }

    /** A short pause between two looks at pg_settings while a reload spreads to new sessions. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigLabException("Interrupted while waiting for the reload to show.", e);
        }
    }

    /**
     * Runs {@code statements} in order; when one fails, runs {@code undo} for those already run (best effort) and
     * fails with the server's words.
     */
    private static void execute(
            TargetConnector connector, String database, List<String> statements, List<String> undo) {
        int done = 0;
        try (Connection c = connector.openOrExplain(database);
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                    done++;
                } catch (SQLException e) {
                    for (int i = 0; i < Math.min(done, undo.size()); i++) {
                        try {
                            st.execute(undo.get(i));
                        } catch (SQLException ignored) {
                            // Best effort: the first error is the one to report.
                        }
                    }
                    throw new MigLabException(
                            "Refused by " + connector.target().name() + ": " + sql + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot change settings on " + connector.target().name() + ": " + e.getMessage(), e);
        }
    }

    /** pg_settings' row of a setting, as far as the diff needs it. */
    private record Row(
            String name,
            String setting,
            String unit,
            String context,
            boolean pendingRestart,
            String vartype,
            List<String> enumvals,
            Double min,
            Double max) {}

    private static Map<String, Row> rows(Connection c, List<String> names) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return rows;
        }
        // The names are the advisor's own, all [a-z_]: quoting them is enough.
        String in = names.stream()
                .map(n -> "'" + n.replaceAll("[^a-z0-9_]", "") + "'")
                .collect(Collectors.joining(","));
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting, unit, context, pending_restart, vartype,"
                        + " array_to_string(enumvals, ','), min_val, max_val FROM pg_settings WHERE name IN (" + in
                        + ")")) {
            while (rs.next()) {
                String enums = rs.getString(7);
                rows.put(
                        rs.getString(1),
                        new Row(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBoolean(5),
                                rs.getString(6),
                                enums == null ? List.of() : Arrays.asList(enums.split(",")),
                                number(rs.getString(8)),
                                number(rs.getString(9))));
            }
        }
        return rows;
    }

    static List<SettingDiff> diff(Connection c, ConfigAdvice advice) throws SQLException {
        int major = PgVersion.of(c).major();
        Map<String, Row> rows =
                rows(c, advice.settings().stream().map(Recommendation::name).toList());
        List<SettingDiff> out = new ArrayList<>();
        for (Recommendation r : advice.settings()) {
            out.add(compare(r, rows.get(r.name()), major));
        }
        return out;
    }

    private static SettingDiff compare(Recommendation r, Row row, int major) {
        if (row == null) {
            return new SettingDiff(
                    r.name(),
                    null,
                    r.value(),
                    r.unit(),
                    null,
                    false,
                    true,
                    "PostgreSQL " + major + " has no setting " + r.name());
        }
        String problem = null;
        boolean differs;
        if (r.numeric() != null) {
            double wanted = inRowUnit(r, row);
            Double current = number(row.setting());
            boolean sized = PgTune.unitKbOrZero(row.unit()) > 0;
            differs = current == null
                    || (sized ? Math.round(wanted) != Math.round(current) : Math.abs(wanted - current) > 1e-9);
            if ((row.min() != null && wanted < row.min() - 1e-9) || (row.max() != null && wanted > row.max() + 1e-9)) {
                problem = "outside what this server takes (" + plain(row.min()) + " to " + plain(row.max())
                        + (row.unit() == null ? "" : " " + row.unit()) + ")";
            }
        } else {
            String wanted = word(r.value());
            differs = !wanted.equals(word(row.setting()));
            if ("enum".equals(row.vartype())
                    && !row.enumvals().isEmpty()
                    && row.enumvals().stream().map(ConfigAdvisorService::word).noneMatch(wanted::equals)) {
                problem = "this server does not take " + r.value() + " (it takes " + String.join(", ", row.enumvals())
                        + ")";
            }
        }
        return new SettingDiff(
                r.name(), shown(row), r.value(), row.unit(), row.context(), row.pendingRestart(), differs, problem);
    }

    /** The recommendation as a number in pg_settings' unit of the setting. */
    private static double inRowUnit(Recommendation r, Row row) {
        double rowKb = PgTune.unitKbOrZero(row.unit());
        double recKb = PgTune.unitKbOrZero(r.unit());
        if (rowKb > 0 && recKb > 0) {
            return r.numeric() * recKb / rowKb;
        }
        return r.numeric();
    }

    /** A setting as the tables show it: sizes in PGTune's units, anything else as pg_settings has it. */
    private static String shown(Row row) {
        return PgTune.show(row.setting(), row.unit());
    }

    /** Booleans in one spelling, words in lower case. */
    private static String word(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> "on";
            case "false", "no", "0", "off" -> "off";
            default -> v;
        };
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String plain(Double d) {
        if (d == null) {
            return "?";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    /** The settings that change, as they are now and as ALTER SYSTEM had them in postgresql.auto.conf. */
    private static List<SettingSnapshot> snapshot(
            TargetConnector connector, String database, List<SettingDiff> diff, ConfigAdvice advice) {
        List<String> names = diff.stream()
                .filter(SettingDiff::applicable)
                .map(SettingDiff::name)
                .toList();
        try (Connection c = connector.openOrExplain(database)) {
            Map<String, Row> rows = rows(c, names);
            Map<String, String> autoConf = autoConf(c);
            List<SettingSnapshot> out = new ArrayList<>();
            for (String name : names) {
                Row row = rows.get(name);
                out.add(new SettingSnapshot(
                        name,
                        row.setting(),
                        row.unit(),
                        autoConf.get(name),
                        advice.find(name).orElseThrow().value(),
                        row.context()));
            }
            return out;
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot read the settings of " + connector.target().name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What ALTER SYSTEM has written: postgresql.auto.conf as pg_file_settings reads it (the file as it is, applied
     * or not); where that view is not readable, pg_settings' values whose source is that file.
     */
    private static Map<String, String> autoConf(Connection c) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_file_settings"
                        + " WHERE sourcefile LIKE '%postgresql.auto.conf' AND error IS NULL ORDER BY seqno")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
            return values;
        } catch (SQLException e) {
            values.clear();
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT name, setting FROM pg_settings WHERE sourcefile LIKE '%postgresql.auto.conf'")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }

    /** An apply experiment as rollback and prove need it. */
    private record Applied(
            long id, String target, String database, PgTuneInputs inputs, List<SettingSnapshot> snapshot) {}

    private Applied applied(long experimentId) {
        Experiment e = ledger.find(experimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + experimentId + " in the ledger."));
        if (!APPLY_KIND.equals(e.kind())) {
            throw new MigLabException(
                    "Experiment " + experimentId + " is a " + e.kind() + " experiment, not a " + APPLY_KIND + ".");
        }
        if (e.target() == null || e.target().targetName() == null) {
            throw new MigLabException("Experiment " + experimentId + " does not say which target it changed.");
        }
        Artifact artifact = ledger.artifacts(experimentId).stream()
                .filter(a -> SNAPSHOT.equals(a.name()))
                .findFirst()
                .orElseThrow(() -> new MigLabException("Experiment " + experimentId
                        + " has no snapshot to roll back to; it failed before one was taken."));
        try {
            List<SettingSnapshot> snapshot = Json.mapper()
                    .readValue(ledger.artifactContent(artifact.id()), new TypeReference<List<SettingSnapshot>>() {});
            JsonNode params = e.parameters();
            String database = params != null && params.hasNonNull("database")
                    ? params.get("database").asText()
                    : null;
            PgTuneInputs inputs = Json.mapper().treeToValue(params.get("inputs"), PgTuneInputs.class);
            return new Applied(experimentId, e.target().targetName(), database, inputs, snapshot);
        } catch (IOException ex) {
            throw new MigLabException(
                    "The snapshot of experiment " + experimentId + " cannot be read: " + ex.getMessage(), ex);
        }
    }
}
