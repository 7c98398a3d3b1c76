package io.miglab.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.finding.Finding;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.capture.PlanRecorder;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EXPLAIN service's ledger side: reopening a capture as it was recorded. No server needed. */
class ExplainServiceTest {
    private static final String FIXTURES = "/io/miglab/core/plan/fixtures/pg15/";

    @TempDir
    Path home;

    static String resource(String name) throws IOException {
        try (InputStream in = ExplainServiceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A capture keeps the definitions of the indexes its plan uses; opening the experiment again gives the finding
     * that needs them, which the same plan analysed alone cannot give.
     */
    @Test
    void anExperimentOpensWithTheIndexDefinitionsAndDatabaseItWasCapturedWith() throws IOException {
        String plan = resource(FIXTURES + "index-without-leading-column.plan.json");
        try (Workspace workspace = Workspace.open(new MigLabHome(home), Map.of())) {
            long id;
            try (var run = workspace
                    .ledger()
                    .begin(
                            PlanRecorder.KIND,
                            "by date",
                            TargetFingerprint.NONE,
                            Json.mapper().createObjectNode().put("database", "tickets"))) {
                run.attach(PlanRecorder.PLAN_ARTIFACT, "application/json", plan.getBytes(StandardCharsets.UTF_8));
                run.attach(
                        PlanRecorder.INDEXES_ARTIFACT,
                        "application/json",
                        resource(FIXTURES + "index-without-leading-column.indexes.json")
                                .getBytes(StandardCharsets.UTF_8));
                run.succeed();
                id = run.id();
            }
            Explains explains = workspace.explains();

            Explained opened = explains.open(id);

            assertThat(opened.experimentId()).isEqualTo(id);
            assertThat(opened.database()).isEqualTo("tickets");
            assertThat(opened.source()).isEqualTo("experiment " + id + ", database tickets");
            assertThat(opened.findings()).extracting(Finding::code).contains("index-without-leading-column");
            assertThat(explains.analyse(plan, "pasted").findings())
                    .extracting(Finding::code)
                    .doesNotContain("index-without-leading-column");
            assertThat(explains.captures(null, 10)).singleElement().satisfies(c -> assertThat(c.database())
                    .isEqualTo("tickets"));
            assertThatThrownBy(() -> explains.open(id + 1))
                    .isInstanceOf(MigLabException.class)
                    .hasMessage("There is no experiment " + (id + 1) + ".");
        }
    }
}
