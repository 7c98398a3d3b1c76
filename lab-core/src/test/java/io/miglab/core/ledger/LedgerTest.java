package io.miglab.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void newLedgerIsInWalModeAtTheLatestSchema() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            assertThat(ledger.schemaVersion()).isEqualTo(LedgerSchema.LATEST);
            String mode = ledger.withConnection(c -> {
                try (var st = c.createStatement();
                        var rs = st.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualTo("wal");
        }
    }

    @Test
    void olderLedgerIsUpgradedKeepingItsExperimentsAndABackup() {
        Path file = dir.resolve("lab.db");
        long id;
        try (Ledger v1 = Ledger.open(file, 1, Clock.systemUTC())) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
            ExperimentRun run = v1.begin(
                    "explain",
                    "from the old days",
                    TargetFingerprint.NONE,
                    JsonNodeFactory.instance.objectNode().put("sql", "select 1"));
            run.measure("total", 12.5, "ms");
            run.succeed();
            id = run.id();
        }

        try (Ledger upgraded = Ledger.open(file)) {
            assertThat(upgraded.schemaVersion()).isEqualTo(LedgerSchema.LATEST);
            Experiment kept = upgraded.find(id).orElseThrow();
            assertThat(kept.title()).isEqualTo("from the old days");
            assertThat(kept.parameters().get("sql").asText()).isEqualTo("select 1");
            assertThat(kept.measurements()).containsExactly(new Measurement("total", 12.5, "ms"));
            int targets = upgraded.withConnection(c -> {
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT count(*) FROM target")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(targets).as("the version 2 tables exist").isZero();
        }
        assertThat(dir.resolve("lab.db.v1.bak")).exists();
    }

    @Test
    void version3GivesTargetsIdsAndEndsEveryUnlockRecordedByName() {
        Path file = dir.resolve("lab.db");
        String farFuture = "2999-01-01T00:00:00Z";
        try (Ledger v2 = Ledger.open(file, 2, Clock.systemUTC())) {
            v2.withConnection(c -> {
                try (var st = c.createStatement()) {
                    for (String name : List.of("prod", "replica")) {
                        st.executeUpdate("INSERT INTO target (name, role, host, port, database, added_at) VALUES ('"
                                + name + "', 'guarded', 'h', 5432, 'db', '2026-01-01T00:00:00Z')");
                    }
                    st.executeUpdate("INSERT INTO target_unlock (target_name, unlocked_at, reason, expires_at)"
                            + " VALUES ('prod', '2026-01-01T00:00:00Z', 'index', '" + farFuture + "')");
                    st.executeUpdate("INSERT INTO target_unlock (target_name, unlocked_at, reason, expires_at)"
                            + " VALUES ('gone', '2026-01-01T00:00:00Z', 'removed since', '" + farFuture + "')");
                    return 0;
                }
            });
        }

        try (Ledger v3 = Ledger.open(file)) {
            List<String> targets = v3.withConnection(c -> {
                List<String> rows = new java.util.ArrayList<>();
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT id, name FROM target ORDER BY id")) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1) + ":" + rs.getString(2));
                    }
                }
                return rows;
            });
            assertThat(targets).containsExactly("1:prod", "2:replica");
            List<String> unlocks = v3.withConnection(c -> {
                List<String> rows = new java.util.ArrayList<>();
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT target_id, target_name, relocked_at FROM target_unlock")) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + (rs.getString(3) != null));
                    }
                }
                return rows;
            });
            assertThat(unlocks)
                    .as("the unlock of a registered target is ended; that of a removed name is gone")
                    .containsExactly("1:prod:true");
            int foreignKeyErrors = v3.withConnection(c -> {
                try (var st = c.createStatement();
                        var rs = st.executeQuery("PRAGMA foreign_key_check")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    return n;
                }
            });
            assertThat(foreignKeyErrors).isZero();
        }
        assertThat(dir.resolve("lab.db.v2.bak")).exists();
    }

    @Test
    void newerLedgerIsRefusedWithAClearMessageAndLeftUntouched() throws Exception {
        Path file = dir.resolve("lab.db");
        try (Ledger ledger = Ledger.open(file)) {
            ledger.withConnection(c -> c.createStatement().executeUpdate("PRAGMA user_version = 99"));
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Ledger.open(file))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer than this MigLab understands");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void experimentLifecycleRecordsOutcomeMeasurementsArtifactsAndTags() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long id;
            try (ExperimentRun run = ledger.begin(
                    "baseline", "Pagila baseline", new TargetFingerprint("lab", "16.15", "abc123", "pagila@1"), null)) {
                run.measure("latency.p95", 3.25, "ms").measure("latency.p95", 3.5, "ms");
                run.attach("plan.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                run.tag("before").tag("pagila");
                run.succeed();
                id = run.id();
            }
            Experiment e = ledger.find(id).orElseThrow();
            assertThat(e.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(e.duration()).isNotNull();
            assertThat(e.target().dataset()).isEqualTo("pagila@1");
            assertThat(e.measurements()).containsExactly(new Measurement("latency.p95", 3.5, "ms"));
            assertThat(e.tags()).containsExactly("before", "pagila");
            assertThat(ledger.artifacts(id)).extracting(Artifact::name).containsExactly("plan.json");
        }
    }

    @Test
    void experimentsWithAnArtifactAreListedNewestFirstInOneQuery() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long[] ids = new long[4];
            for (int i = 0; i < ids.length; i++) {
                try (ExperimentRun run = ledger.begin("metrics", "run " + i, TargetFingerprint.NONE, null)) {
                    run.attach(i % 2 == 0 ? "samples.csv" : "other.csv", "text/csv", new byte[] {'x'});
                    run.succeed();
                    ids[i] = run.id();
                }
            }
            assertThat(ledger.withArtifact("samples.csv", 0))
                    .extracting(Experiment::id)
                    .containsExactly(ids[2], ids[0]);
            assertThat(ledger.withArtifact("samples.csv", 1))
                    .extracting(Experiment::id)
                    .containsExactly(ids[2]);
            assertThat(ledger.withArtifact("none.csv", 0)).isEmpty();
        }
    }

    @Test
    void runClosedWithoutOutcomeIsFailedAndCancellationIsRecordedAsCancelled() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long forgotten;
            try (ExperimentRun run = ledger.begin("baseline", "forgotten", TargetFingerprint.NONE, null)) {
                forgotten = run.id();
            }
            long cancelled;
            try (ExperimentRun run = ledger.begin("baseline", "cancelled", TargetFingerprint.NONE, null)) {
                run.fail(new CancelledException());
                cancelled = run.id();
            }
            assertThat(ledger.find(forgotten).orElseThrow().status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(ledger.find(cancelled).orElseThrow().status()).isEqualTo(ExperimentStatus.CANCELLED);
        }
    }

    @Test
    void runningExperimentOfALiveProcessIsNotInterrupted() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            ExperimentRun run = ledger.begin("baseline", "still going", TargetFingerprint.NONE, null);
            assertThat(ledger.recoverInterrupted()).isZero();
            assertThat(ledger.find(run.id()).orElseThrow().status()).isEqualTo(ExperimentStatus.RUNNING);
            run.succeed();
        }
    }

    @Test
    void listFiltersByTextKindAndStatusAndDeleteRemovesEverything() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long a = finished(ledger, "baseline", "Rental 100% query", ExperimentStatus.SUCCEEDED);
            finished(ledger, "explain", "Film plan", ExperimentStatus.FAILED);
            ledger.addTag(a, "index-tuning");

            assertThat(ledger.list(ExperimentFilter.ALL.withText("100%")))
                    .extracting(Experiment::id)
                    .containsExactly(a);
            assertThat(ledger.list(ExperimentFilter.ALL.withText("INDEX-")))
                    .extracting(Experiment::id)
                    .containsExactly(a);
            assertThat(ledger.list(new ExperimentFilter("explain", null, null, null, 0)))
                    .hasSize(1);
            assertThat(ledger.list(new ExperimentFilter(null, ExperimentStatus.FAILED, null, null, 0)))
                    .extracting(Experiment::title)
                    .containsExactly("Film plan");

            assertThat(ledger.delete(a)).isTrue();
            assertThat(ledger.delete(a)).isFalse();
            assertThat(ledger.find(a)).isEmpty();
            assertThat(ledger.artifacts(a)).isEmpty();
        }
    }

    @Test
    void listLoadsTagsAndMeasurementsOfManyExperimentsAcrossIdChunks() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            for (int i = 0; i < 1_201; i++) {
                ExperimentRun run =
                        ledger.begin(i % 2 == 0 ? "baseline" : "explain", "run " + i, TargetFingerprint.NONE, null);
                run.measure("latency.p50", i, "ms").tag("batch-" + (i % 3));
                run.succeed();
            }
            List<Experiment> all = ledger.list(ExperimentFilter.ALL);

            assertThat(all).hasSize(1_201);
            assertThat(all).allSatisfy(e -> {
                int i = Integer.parseInt(e.title().substring("run ".length()));
                assertThat(e.tags()).containsExactly("batch-" + (i % 3));
                assertThat(e.measurements()).containsExactly(new Measurement("latency.p50", i, "ms"));
            });
            assertThat(ledger.kinds()).containsExactly("baseline", "explain");
        }
    }

    private static long finished(Ledger ledger, String kind, String title, ExperimentStatus status) {
        ExperimentRun run = ledger.begin(kind, title, TargetFingerprint.NONE, null);
        run.attach("x.txt", "text/plain", new byte[] {1});
        run.samples("cpu", List.of(new double[] {1, 2}));
        if (status == ExperimentStatus.SUCCEEDED) {
            run.succeed();
        } else {
            run.fail(new MigLabException("boom"));
        }
        return run.id();
    }

    @Test
    void aLimitKeepsTheNewestAndCountSaysHowManyThereAre() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            for (int i = 0; i < 120; i++) {
                try (ExperimentRun run =
                        ledger.begin(i % 2 == 0 ? "baseline" : "explain", "run " + i, TargetFingerprint.NONE, null)) {
                    run.succeed();
                }
            }
            List<Experiment> newest = ledger.list(ExperimentFilter.ALL.withLimit(50));
            assertThat(newest).hasSize(50);
            assertThat(newest.get(0).title()).isEqualTo("run 119");
            assertThat(newest.get(49).title()).isEqualTo("run 70");
            assertThat(ledger.count(ExperimentFilter.ALL.withLimit(50))).isEqualTo(120);
            ExperimentFilter baselines = new ExperimentFilter("baseline", null, null, null, 10);
            assertThat(ledger.list(baselines)).hasSize(10).allMatch(e -> e.kind()
                    .equals("baseline"));
            assertThat(ledger.count(baselines)).isEqualTo(60);
            assertThat(ledger.count(ExperimentFilter.ALL.withText("run 11"))).isEqualTo(11); // 11, 110..119
            assertThat(ledger.list(ExperimentFilter.ALL)).hasSize(120);
            assertThatThrownBy(() -> ExperimentFilter.ALL.withLimit(-1))
                    .isInstanceOf(MigLabException.class)
                    .hasMessage("A list limit must be 0 (all) or more, not -1.");
        }
    }

    @Test
    void aParameterTextOverTheCapIsStoredAsAnArtifactWithAPrefixLeftInline() {
        String longSql = "SELECT " + "1 + ".repeat(10_000) + "1";
        var parameters =
                JsonNodeFactory.instance.objectNode().put("query", longSql).put("short", "SELECT 1");
        parameters.putArray("statements").addObject().put("name", "big").put("sql", longSql);
        parameters.putArray("texts").add(longSql);
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long id;
            try (ExperimentRun run = ledger.begin("explain", "long", TargetFingerprint.NONE, parameters)) {
                run.succeed();
                id = run.id();
            }
            assertThat(parameters.get("query").asText())
                    .as("the caller's node is left alone")
                    .isEqualTo(longSql);
            var stored = ledger.find(id).orElseThrow().parameters();
            assertThat(stored.toString().length()).isLessThan(2_000);
            assertThat(stored.get("short").asText()).isEqualTo("SELECT 1");
            assertThat(stored.get("query").asText())
                    .startsWith("SELECT 1 + 1 + ")
                    .endsWith("\u2026")
                    .hasSize(201);
            assertThat(stored.get("queryArtifact").asText()).isEqualTo("parameters/query");
            assertThat(stored.get("queryBytes").asLong()).isEqualTo(longSql.length());
            assertThat(stored.at("/statements/0/sqlArtifact").asText()).isEqualTo("parameters/statements/0/sql");
            assertThat(stored.at("/texts/0").asText()).endsWith("[whole text: artifact parameters/texts/0]");
            List<Artifact> artifacts = ledger.artifacts(id);
            assertThat(artifacts)
                    .extracting(Artifact::name)
                    .containsExactly("parameters/query", "parameters/statements/0/sql", "parameters/texts/0");
            for (Artifact a : artifacts) {
                assertThat(new String(ledger.artifactContent(a.id()), StandardCharsets.UTF_8))
                        .isEqualTo(longSql);
            }
        }
    }

    @Test
    void aFailureFoundByTheWorkIsRecordedWithItsReason() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long id;
            try (ExperimentRun run = ledger.begin("baseline", "b", TargetFingerprint.NONE, null)) {
                run.fail("Statement divide never succeeded.");
                id = run.id();
            }
            Experiment e = ledger.find(id).orElseThrow();
            assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.error()).isEqualTo("Statement divide never succeeded.");
        }
    }

    @Test
    void linksReadFromEitherEndAndGoWithADeletedExperiment() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            long baseline = finished(ledger, "baseline");
            long build = finished(ledger, "index-build");
            long ab = finished(ledger, "ab");
            ledger.link(build, ExperimentLink.IMPROVES, baseline);
            ledger.link(ab, ExperimentLink.PROVES, build);
            ledger.link(ab, ExperimentLink.PROVES, build);

            assertThat(ledger.links(build))
                    .containsExactly(
                            new ExperimentLink(build, ExperimentLink.IMPROVES, baseline),
                            new ExperimentLink(ab, ExperimentLink.PROVES, build));
            assertThatThrownBy(() -> ledger.link(ab, ExperimentLink.PROVES, 999))
                    .isInstanceOf(MigLabException.class);

            ledger.delete(ab);
            assertThat(ledger.links(build))
                    .containsExactly(new ExperimentLink(build, ExperimentLink.IMPROVES, baseline));
        }
    }

    private static long finished(Ledger ledger, String kind) {
        try (ExperimentRun run = ledger.begin(kind, kind, TargetFingerprint.NONE, null)) {
            run.succeed();
            return run.id();
        }
    }
}
