package io.miglab.core.report.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tuning loop as an epic and one ticket per step. */
class TuningLoopTicketsTest {

    /** All six steps, given out of order, each with one file of evidence. */
    static TuningLoopTickets.Tickets sixSteps() {
        return TuningLoopTickets.forJob("orders-import")
                .step(
                        TuningStep.OTHER_LOADERS,
                        "pgloader beats COPY by 18%",
                        "pgloader 3.6: 412 s; COPY: 503 s.",
                        file("05-loaders.csv"))
                .step(
                        TuningStep.PREPARE_AND_BASELINE,
                        "Baseline 503 s",
                        "One run of the Job on a 2 GiB dataset.",
                        file("01-baseline.csv"))
                .step(
                        TuningStep.REQUESTS_AND_LIMITS,
                        "CPU limit throttles",
                        "Throttled 38% of the time at 1 CPU.",
                        file("02-samples.csv"))
                .step(TuningStep.LOADER_TWEAKS, "Batch size 5000", "Batch 5000 over 1000: -9%.", file("03-batch.csv"))
                .step(
                        TuningStep.MORE_RESOURCES,
                        "2 CPUs help little",
                        "2 CPUs: -4% only; I/O bound.",
                        file("04-resources.csv"))
                .step(
                        TuningStep.FINAL_CONFIGURATION,
                        "pgloader, 1.5 CPU, 2 GiB",
                        "Final: 398 s.",
                        file("06-final.yaml"))
                .rollbackPlan("Re-apply the previous manifest: kubectl apply -f job-v1.yaml.")
                .monitoringPlan("Watch Job duration and OOMKilled in the first three nightly runs.")
                .build();
    }

    static JiraAttachment file(String name) {
        return new JiraAttachment(
                name,
                name.endsWith(".csv") ? "text/csv" : "application/yaml",
                ("evidence " + name).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEpicAndSixTicketsInLoopOrderAllLabelled() {
        TuningLoopTickets.Tickets t = sixSteps();

        assertThat(t.epic().issueType()).isEqualTo("Epic");
        assertThat(t.epic().summary()).isEqualTo("Tuning loop: orders-import");
        assertThat(t.children())
                .extracting(JiraIssueDraft::summary)
                .containsExactly(
                        "orders-import 1/6 Prepare and baseline: Baseline 503 s",
                        "orders-import 2/6 Requests and limits: CPU limit throttles",
                        "orders-import 3/6 Loader tweaks: Batch size 5000",
                        "orders-import 4/6 More resources: 2 CPUs help little",
                        "orders-import 5/6 Other loaders: pgloader beats COPY by 18%",
                        "orders-import 6/6 Final configuration: pgloader, 1.5 CPU, 2 GiB");
        assertThat(t.children()).allSatisfy(c -> {
            assertThat(c.labels()).containsExactly("migration", "performance", "k8s", "postgres");
            assertThat(c.attachments()).hasSize(1);
            assertThat(c.adfDescription().path("type").asText()).isEqualTo("doc");
            assertThat(c.adfDescription().path("version").asInt()).isEqualTo(1);
        });
        assertThat(t.epic().labels()).containsExactly("migration", "performance", "k8s", "postgres");
        assertThat(t.children().get(0).attachments().get(0).fileName()).isEqualTo("01-baseline.csv");
    }

    @Test
    void theFinalTicketCarriesTheRollbackAndMonitoringPlansInBothFormats() {
        JiraIssueDraft last = sixSteps().children().get(5);
        assertThat(last.wikiDescription())
                .contains("h3. Rollback plan\n\nRe\\-apply the previous manifest: kubectl apply \\-f job\\-v1.yaml.")
                .contains("h3. Monitoring plan");
        assertThat(last.adfDescription().toString())
                .contains("\"text\":\"Rollback plan\"")
                .contains("\"text\":\"Re-apply the previous manifest: kubectl apply -f job-v1.yaml.\"")
                .contains("\"text\":\"Watch Job duration and OOMKilled in the first three nightly runs.\"");
    }

    @Test
    void wikiMarkupInFindingsIsEscapedAndAdfKeepsItAsText() {
        TuningLoopTickets.Tickets t = TuningLoopTickets.forJob("j")
                .step(TuningStep.LOADER_TWEAKS, "t", "{code} *bold* _x_ a|b [link] ||h||")
                .build();
        assertThat(t.children().get(0).wikiDescription())
                .contains("\\{code\\} \\*bold\\* \\_x\\_ a\\|b \\[link\\] \\|\\|h\\|\\|");
        assertThat(t.children().get(0).adfDescription().toString())
                .contains("\"text\":\"{code} *bold* _x_ a|b [link] ||h||\"");
    }

    @Test
    void aStepTwiceOrAFinalConfigurationWithoutPlansIsRefused() {
        TuningLoopTickets twice = TuningLoopTickets.forJob("j").step(TuningStep.LOADER_TWEAKS, "a", "");
        assertThatThrownBy(() -> twice.step(TuningStep.LOADER_TWEAKS, "b", ""))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The 'Loader tweaks' step is given twice.");
        assertThatThrownBy(() -> TuningLoopTickets.forJob("j")
                        .step(TuningStep.FINAL_CONFIGURATION, "f", "")
                        .monitoringPlan("watch")
                        .build())
                .hasMessage("The final configuration of j needs a rollback plan.");
        assertThatThrownBy(() -> TuningLoopTickets.forJob("j").build())
                .hasMessage("The tuning loop of j has no steps to file.");
    }

    @Test
    void aLongTitleIsCutToJirasSummaryLimit() {
        String title = "x".repeat(400);
        JiraIssueDraft d = TuningLoopTickets.forJob("j")
                .step(TuningStep.LOADER_TWEAKS, title, "")
                .build()
                .children()
                .get(0);
        assertThat(d.summary()).hasSize(JiraIssueDraft.MAX_SUMMARY).endsWith("...");
        assertThat(List.of(d.summary())).isNotEmpty();
    }
}
