package io.miglab.core.report.jira;

import static io.miglab.core.report.jira.JiraTestData.EMAIL;
import static io.miglab.core.report.jira.JiraTestData.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dry run and push: the plan sends nothing; the push creates the epic, then its children, then their files. */
class JiraPushTest {

    @Test
    void aDryRunSendsNothingAndDescribesEveryRequestWithoutSecrets() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraPush.Plan plan =
                    JiraPush.plan(jira.site(), TuningLoopTicketsTest.sixSteps().request("MIG"));
            String text = plan.text();

            assertThat(jira.received()).isEmpty();
            assertThat(plan.requests()).hasSize(1 + 6 + 6);
            assertThat(text)
                    .startsWith("Dry run: nothing was sent. With --execute, MigLab sends these 13 requests to "
                            + jira.url() + " (Jira Cloud, REST v3):\n")
                    .contains("  1. POST " + jira.url() + "/rest/api/3/issue\n"
                            + "     create Epic in MIG: \"Tuning loop: orders-import\"\n"
                            + "     labels: migration, performance, k8s, postgres\n"
                            + "     description: Atlassian Document, ")
                    .contains("     create Task in MIG with parent {key of 1}: \"orders-import 1/6 Prepare and"
                            + " baseline: Baseline 503 s\"")
                    .contains("  3. POST " + jira.url() + "/rest/api/3/issue/{key of 2}/attachments\n"
                            + "     attach to {key of 2}\n"
                            + "     file: 01-baseline.csv (text/csv, 24 B)\n")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void onDataCenterWithoutAnEpicLinkFieldThePlanLinksThroughTheAgileApi() {
        JiraSite dc = JiraSite.of("https://jira.example.com/jira", JiraFlavour.DATA_CENTER);
        JiraPush.Plan plan = JiraPush.plan(dc, TuningLoopTicketsTest.sixSteps().request("MIG"));
        assertThat(plan.text())
                .contains("POST https://jira.example.com/jira/rest/agile/1.0/epic/{key of 1}/issue\n"
                        + "     file {key of 2} under epic {key of 1}\n")
                .contains("description: wiki markup, ");
        assertThat(plan.requests()).hasSize(1 + 6 * 3);
    }

    @Test
    void theTuningLoopCreatesTheEpicThenSixChildrenUnderItThenTheirEvidence() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            TuningLoopTickets.Tickets tickets = TuningLoopTicketsTest.sixSteps();
            List<Progress> progress = new ArrayList<>();

            JiraPush.Result result = JiraPush.execute(client, tickets.request("MIG"), progress::add);

            List<FakeJira.Issue> issues = jira.issues();
            assertThat(issues).hasSize(7);
            assertThat(issues.get(0).fields().path("issuetype").path("name").asText())
                    .isEqualTo("Epic");
            assertThat(result.epic().key()).isEqualTo("MIG-1");
            for (int i = 1; i <= 6; i++) {
                FakeJira.Issue child = issues.get(i);
                JiraIssueDraft draft = tickets.children().get(i - 1);
                assertThat(child.fields().path("parent").path("key").asText()).isEqualTo("MIG-1");
                assertThat(child.fields().path("summary").asText()).isEqualTo(draft.summary());
                assertThat(child.fields().path("labels").toString())
                        .isEqualTo("[\"migration\",\"performance\",\"k8s\",\"postgres\"]");
                assertThat(child.attachments()).hasSize(1);
                assertThat(child.attachments().get(0).fileName())
                        .isEqualTo(draft.attachments().get(0).fileName());
                assertThat(child.attachments().get(0).content())
                        .isEqualTo(draft.attachments().get(0).content());
            }
            assertThat(jira.received().get(0).path()).isEqualTo("/rest/api/3/issue");
            assertThat(jira.received()).hasSize(13);
            assertThat(result.issues())
                    .extracting(JiraPush.PushedIssue::key)
                    .containsExactly("MIG-2", "MIG-3", "MIG-4", "MIG-5", "MIG-6", "MIG-7");
            assertThat(progress).hasSize(13);
            assertThat(progress.get(12).fraction()).isEqualTo(1.0);
        }
    }

    @Test
    void anExistingIssueGetsTheDescriptionAsACommentAndTheFiles() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN, "OPS")) {
            jira.seed("OPS-7", "Nightly import is slow");
            JiraClient client = new JiraClient(jira.site(), JiraTestData.dcCredentials());
            JiraIssueDraft draft = JiraTestData.draft("ignored", TuningLoopTicketsTest.file("plan.csv"));

            JiraPush.execute(client, JiraPush.Request.onIssue("OPS-7", draft), p -> {});

            FakeJira.Issue issue = jira.issue("OPS-7");
            assertThat(issue.comments()).hasSize(1);
            assertThat(issue.comments().get(0).asText()).isEqualTo(draft.wikiDescription());
            assertThat(issue.attachments())
                    .extracting(FakeJira.Stored::fileName)
                    .containsExactly("plan.csv");
            assertThat(jira.issues()).hasSize(1);
        }
    }

    @Test
    void aFailureHalfwaySaysWhatIsAlreadyInJira() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            jira.limitAttachments(5);
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            assertThatThrownBy(() -> JiraPush.execute(
                            client, TuningLoopTicketsTest.sixSteps().request("MIG"), p -> {}))
                    .isInstanceOf(MigLabException.class)
                    .hasMessage("Jira refused attachment '01-baseline.csv' (24 B) as too large (413); the site's"
                            + " attachment size limit is lower.")
                    .satisfies(e -> assertThat(((MigLabException) e).hint())
                            .isEqualTo("Already in Jira before this failed: MIG-1, MIG-2."));
        }
    }

    @Test
    void aRequestIsEitherAProjectOrAnIssue() {
        JiraIssueDraft d = JiraTestData.draft("s");
        assertThatThrownBy(() -> new JiraPush.Request("MIG", "MIG-1", null, List.of(d)))
                .hasMessageStartingWith("Give either a Jira project key (--project)");
        assertThatThrownBy(() -> JiraPush.Request.inProject("mig", List.of(d)))
                .hasMessage("Jira project key 'mig' is not like MIG (capitals and digits).");
        assertThatThrownBy(() -> JiraPush.Request.onIssue("MIG1", d))
                .hasMessage("'MIG1' is not a Jira issue key like MIG-12.");
    }
}
