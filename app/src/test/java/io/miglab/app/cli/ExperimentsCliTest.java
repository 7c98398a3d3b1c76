package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab experiments list} pages a ledger with many experiments. */
class ExperimentsCliTest {
    static final int MANY = 130;

    @TempDir
    static Path home;

    @BeforeAll
    static void manyExperiments() {
        try (Workspace ws = Workspace.open(new MigLabHome(home), System.getenv())) {
            for (int i = 1; i <= MANY; i++) {
                try (ExperimentRun run = ws.ledger()
                        .begin(i % 10 == 0 ? "explain" : "baseline", "run " + i, TargetFingerprint.NONE, null)) {
                    run.succeed();
                }
            }
        }
    }

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @Test
    void theNewestFiftyByDefaultWithALineSayingHowToSeeMore() {
        CliRun r = miglab("experiments", "list");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as("heading, rule, 50 rows, the row count, the note").hasSize(2 + 50 + 2);
        assertThat(lines.get(2)).contains("run " + MANY);
        assertThat(lines.get(51)).contains("run " + (MANY - 49));
        assertThat(lines.get(52)).isEqualTo("(50 rows)");
        assertThat(lines.get(53))
                .isEqualTo("Showing the newest 50 of " + MANY + " experiments; --limit N or --all shows more.");
    }

    @Test
    void limitAndAllChooseHowManyAndJsonHonoursThem() throws Exception {
        CliRun ten = miglab("experiments", "list", "--limit", "10", "--json");
        assertThat(ten.code()).isZero();
        JsonNode list = ten.json();
        assertThat(list).hasSize(10);
        assertThat(list.get(0).get("title").asText()).isEqualTo("run " + MANY);
        assertThat(ten.err()).contains("Showing the newest 10 of " + MANY + " experiments");

        CliRun all = miglab("experiments", "list", "--all", "--json");
        assertThat(all.json()).hasSize(MANY);
        assertThat(all.err()).isEmpty();

        CliRun defaultJson = miglab("experiments", "list", "--json");
        assertThat(defaultJson.json()).hasSize(50);

        CliRun explains = miglab("experiments", "list", "--kind", "explain");
        assertThat(explains.out().lines()).hasSize(3 + MANY / 10);
        assertThat(explains.out()).doesNotContain("Showing the newest");

        CliRun everyText = miglab("experiments", "list", "--all");
        assertThat(everyText.out().lines()).hasSize(3 + MANY);
    }
}
