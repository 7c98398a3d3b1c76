package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade rehearsal end to end on generated Pagila: a PostgreSQL 15 lab instance dumped with the machine's
 * pg_dump, restored into a 16 instance the rehearsal creates, validated, baselined on both sides and compared; run
 * twice, since a rerun must replace its earlier copy.
 */
@Tag("postgres")
class UpgradeRehearsalPagilaTest {
    @TempDir
    static Path home;

    static Workspace workspace;

    @BeforeAll
    static void pagilaOnFifteen() {
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        workspace.labInstances().start("old", 15, ProgressListener.NONE);
        new PagilaLoads(workspace.ledger(), "old", workspace.targets().connector("old"))
                .generate(GenerateOptions.of(1, "pagila"), ProgressListener.NONE, Cancellation.none());
    }

    @AfterAll
    static void stopLabs() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    @Test
    void fifteenToSixteenDumpsRestoresValidatesAndComparesAsLinkedExperiments() {
        UpgradeRequest request = new UpgradeRequest(
                "old", "pagila", 16, null, new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled()), 5, 2);
        for (int attempt = 1; attempt <= 2; attempt++) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            UpgradeRehearsal.Rehearsal r = workspace.upgrades().rehearse(request, progress::add, Cancellation.none());
            UpgradeRehearsal.UpgradeReport report = r.report();

            assertThat(report.passed())
                    .as("attempt " + attempt + ": " + report.failure())
                    .isTrue();
            assertThat(report.to()).isEqualTo("old-pg16");
            assertThat(report.fromVersion()).startsWith("15.");
            assertThat(report.toVersion()).startsWith("16.");
            assertThat(report.steps())
                    .extracting(UpgradeRehearsal.Step::name)
                    .containsExactly("dump", "start", "restore", "validate", "baseline old", "baseline new", "compare");
            assertThat(report.steps()).allMatch(UpgradeRehearsal.Step::passed);
            assertThat(report.steps().get(3).detail()).contains("row(s) identical");
            if (attempt == 2) {
                assertThat(report.steps().get(2).detail()).startsWith("replaced the earlier copy");
            }
            assertThat(report.comparison().statements()).hasSize(10);
            assertThat(report.steps().get(6).detail())
                    .matches("10 statement\\(s\\) on the new major: \\d+ faster, \\d+ slower, \\d+ no significant"
                            + " change(, \\d+ too few samples)?");
            assertThat(progress).anyMatch(p -> p.message().startsWith("Step 3 of 7, restore: "));

            List<Long> stepIds = report.steps().stream()
                    .map(UpgradeRehearsal.Step::experimentId)
                    .filter(id -> id > 0)
                    .toList();
            assertThat(stepIds).hasSize(5);
            assertThat(workspace.ledger().links(r.experimentId()))
                    .filteredOn(l -> l.relation().equals(UpgradeRehearsal.STEP_OF))
                    .extracting(ExperimentLink::from)
                    .containsExactlyInAnyOrderElementsOf(stepIds);
            assertThat(workspace.ledger().find(r.experimentId()).orElseThrow().status())
                    .isEqualTo(ExperimentStatus.SUCCEEDED);
        }
    }
}
