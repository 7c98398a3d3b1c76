package io.miglab.core.plan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class PlanRecorderTest {

    @Test
    void aCaptureIsAnExplainExperimentWithItsPlanQueryAndSettings(@TempDir Path home) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("recorder");
                Connection c = db.connect();
                Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 5000) g");
            }
            PlanRecorder recorder = new PlanRecorder(ledger);
            TargetFingerprint target = new TargetFingerprint("scratch", "15", null, null);
            PlanRecorder.Recorded recorded = recorder.captureAndRecord(
                    c,
                    target,
                    "count t",
                    null,
                    "SELECT count(*) FROM t",
                    ExplainOptions.analyzeAll(),
                    Cancellation.none());

            Experiment e = ledger.find(recorded.experimentId()).orElseThrow();
            assertThat(e.kind()).isEqualTo("explain");
            assertThat(e.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(e.parameters().get("query").asText()).isEqualTo("SELECT count(*) FROM t");
            assertThat(e.parameters().at("/options/analyze").asBoolean()).isTrue();
            assertThat(e.measurements())
                    .extracting(Measurement::name)
                    .contains("execution_time", "planning_time", "root_time", "total_cost");
            var artifacts = ledger.artifacts(e.id());
            assertThat(artifacts)
                    .extracting(Artifact::name)
                    .containsExactlyInAnyOrder(
                            "plan.json", "query.sql", "settings.json", "indexes.json", "analysis.json");
            Artifact plan = artifacts.stream()
                    .filter(a -> a.name().equals("plan.json"))
                    .findFirst()
                    .orElseThrow();
            String json = new String(ledger.artifactContent(plan.id()), StandardCharsets.UTF_8);
            assertThat(PlanParser.parse(json).root())
                    .isEqualTo(recorded.capture().plan().root());
            Artifact settings = artifacts.stream()
                    .filter(a -> a.name().equals("settings.json"))
                    .findFirst()
                    .orElseThrow();
            assertThat(new String(ledger.artifactContent(settings.id()), StandardCharsets.UTF_8))
                    .contains("\"work_mem\"");
        }
    }

    @Test
    void aFailedCaptureIsRecordedAsFailed(@TempDir Path home) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("recorder_fail");
                Connection c = db.connect();
                Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            PlanRecorder recorder = new PlanRecorder(ledger);
            assertThatThrownBy(() -> recorder.captureAndRecord(
                            c,
                            TargetFingerprint.NONE,
                            "broken",
                            null,
                            "SELECT * FROM missing",
                            ExplainOptions.estimate(),
                            Cancellation.none()))
                    .isInstanceOf(MigLabException.class);
            Experiment e = ledger.list(ExperimentFilter.ALL).get(0);
            assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.error()).contains("missing");
        }
    }

    @Test
    void aCancelledCaptureIsRecordedAsCancelled(@TempDir Path home) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("recorder_cancel");
                Connection c = db.connect();
                Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            Cancellation cancel = new Cancellation();
            cancel.cancel();
            assertThatThrownBy(() -> new PlanRecorder(ledger)
                            .captureAndRecord(
                                    c,
                                    TargetFingerprint.NONE,
                                    "cancelled",
                                    null,
                                    "SELECT 1",
                                    ExplainOptions.analyzeAll(),
                                    cancel))
                    .isInstanceOf(io.miglab.core.CancelledException.class);
            assertThat(ledger.list(ExperimentFilter.ALL).get(0).status()).isEqualTo(ExperimentStatus.CANCELLED);
        }
    }

    /**
     * The definitions of the indexes the plan uses are read from the catalog with the capture and stored beside it,
     * so the leading-column finding appears now and when the experiment is opened again.
     */
    @Test
    void aCaptureKeepsTheIndexDefinitionsItsFindingsNeed(@TempDir Path home) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("recorder_indexes");
                Connection c = db.connect();
                Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE \"Tickets\" (project int, opened date, note text)");
                st.execute("INSERT INTO \"Tickets\" SELECT g % 50, date '2023-01-01' + g % 700, 'n'"
                        + " FROM generate_series(1, 50000) g");
                st.execute("CREATE INDEX \"Tickets by project\" ON \"Tickets\" (project, opened) INCLUDE (note)");
                st.execute("ANALYZE \"Tickets\"");
                st.execute("SET enable_seqscan = off");
            }
            PlanRecorder.Recorded recorded = new PlanRecorder(ledger)
                    .captureAndRecord(
                            c,
                            TargetFingerprint.NONE,
                            "by date",
                            null,
                            "SELECT * FROM \"Tickets\" WHERE opened = date '2024-03-01'",
                            ExplainOptions.analyzeAll(),
                            Cancellation.none());

            assertThat(recorded.capture().indexes().indexes()).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("Tickets by project");
                assertThat(i.table()).isEqualTo("Tickets");
                assertThat(i.method()).isEqualTo("btree");
                assertThat(i.keyColumns()).as("INCLUDE columns are not keys").containsExactly("project", "opened");
            });
            assertThat(recorded.findings())
                    .filteredOn(f -> f.code().equals("index-without-leading-column"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.advice()).contains("CREATE INDEX ON \"Tickets\" (opened)"));
            Artifact stored = ledger.artifacts(recorded.experimentId()).stream()
                    .filter(a -> a.name().equals(PlanRecorder.INDEXES_ARTIFACT))
                    .findFirst()
                    .orElseThrow();
            assertThat(io.miglab.core.plan.IndexCatalog.fromJson(ledger.artifactContent(stored.id())))
                    .isEqualTo(recorded.capture().indexes());
        }
    }
}
