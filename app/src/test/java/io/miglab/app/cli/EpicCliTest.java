package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab epic export|import|status|attach} on a ledger of the test's own. */
class EpicCliTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    long baseline;

    @BeforeEach
    void aFewExperiments() {
        try (Workspace ws = Workspace.open(new MigLabHome(home), System.getenv())) {
            try (ExperimentRun run = ws.ledger().begin("inventory", "Inventory", TargetFingerprint.NONE, null)) {
                run.succeed();
            }
            try (ExperimentRun run =
                    ws.ledger().begin("baseline", "Baseline before indexes", TargetFingerprint.NONE, null)) {
                run.succeed();
                baseline = run.id();
            }
        }
    }

    CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @Test
    void exportThenStatusImportAndAttach() throws Exception {
        Path file = work.resolve("epic.md");
        CliRun export = miglab("epic", "export", file.toString(), "--key", "MIG-100");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("Wrote 11 stories in 5 phases to " + file);
        String md = Files.readString(file);
        assertThat(md).startsWith("# 🚀 MIG-100: Database migration\n");

        CliRun again = miglab("epic", "export", file.toString());
        assertThat(again.code()).isEqualTo(Cli.FAILURE);
        assertThat(again.err().strip()).isEqualTo("miglab: " + file + " exists already; --force overwrites it.");
        assertThat(Files.readString(file)).isEqualTo(md);
        assertThat(miglab("epic", "export", file.toString(), "--force").code()).isZero();

        CliRun status = miglab("epic", "status", file.toString());
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("Prepare and baseline |     2/2 |    5/5 | 100 %");
        assertThat(status.out().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("Overall              |    2/11 |   5/35 |  14 %");

        JsonNode dashboard = miglab("epic", "status", file.toString(), "--json").json();
        assertThat(dashboard.get("overall").get("storiesDone").asInt()).isEqualTo(2);
        assertThat(dashboard.get("phases")).hasSize(5);

        CliRun imported = miglab("epic", "import", file.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("US-002").contains("[x] An experiment (baseline) succeeded in the lab");
        JsonNode epic = miglab("epic", "import", file.toString(), "--json").json();
        assertThat(epic.get("phases").get(0).get("stories").get(1).get("status").asText())
                .isEqualTo("DONE");

        CliRun attach =
                miglab("epic", "attach", file.toString(), "--story", "US-002", "--experiment", Long.toString(baseline));
        assertThat(attach.code()).as(attach.err()).isZero();
        assertThat(Files.readString(file))
                .contains("- Experiment #" + baseline + ": Baseline before indexes (baseline, succeeded)");
        CliRun twice =
                miglab("epic", "attach", file.toString(), "--story", "US-002", "--experiment", Long.toString(baseline));
        assertThat(twice.code()).isZero();
        assertThat(twice.err()).contains("already listed under US-002");
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path file = work.resolve("broken.md");
        Files.writeString(
                file,
                "# 🚀 MIG-1: T\n\n## Phase 1: P\n\n### US-001: S\n\n| Field | Value |\n|---|---|\n"
                        + "| **Status** | sideways |\n");
        CliRun r = miglab("epic", "status", file.toString());
        assertThat(r.code()).isEqualTo(Cli.FAILURE);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("miglab: " + file + ", line 9: 'sideways' is not a status");

        CliRun missing = miglab("epic", "import", work.resolve("nope.md").toString());
        assertThat(missing.code()).isEqualTo(Cli.FAILURE);
        assertThat(missing.err()).contains("There is no epic file");

        Path good = work.resolve("good.md");
        assertThat(miglab("epic", "export", good.toString()).code()).isZero();
        CliRun noStory =
                miglab("epic", "attach", good.toString(), "--story", "US-099", "--experiment", Long.toString(baseline));
        assertThat(noStory.code()).isEqualTo(Cli.FAILURE);
        assertThat(noStory.err()).contains("There is no story US-099 in the epic");
        CliRun noExperiment = miglab("epic", "attach", good.toString(), "--story", "US-001", "--experiment", "999");
        assertThat(noExperiment.code()).isEqualTo(Cli.FAILURE);
        assertThat(noExperiment.err()).contains("There is no experiment 999 in the ledger.");
    }
}
