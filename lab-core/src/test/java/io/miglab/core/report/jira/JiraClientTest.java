package io.miglab.core.report.jira;

import static io.miglab.core.report.jira.JiraTestData.EMAIL;
import static io.miglab.core.report.jira.JiraTestData.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The Jira client against the local fake Jira: what arrives, and what each refusal becomes. */
class JiraClientTest {

    @Test
    void createThenUploadArrivesIntactOnCloud() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            JiraAttachment binary = new JiraAttachment(
                    "raw \"latencies\" ä.bin", "application/octet-stream", JiraTestData.awkwardBytes());
            JiraAttachment csv =
                    new JiraAttachment("01-baseline.csv", "text/csv", "ms\n41\n12\n".getBytes(StandardCharsets.UTF_8));
            JiraIssueDraft draft = JiraTestData.draft("Baseline of the import Job", binary, csv);

            JiraClient.CreatedIssue created = client.createIssue("MIG", draft);
            List<JiraClient.StoredAttachment> stored = client.upload(created.key(), draft.attachments());

            assertThat(created.key()).isEqualTo("MIG-1");
            assertThat(created.browseUrl().toString()).isEqualTo(jira.url() + "/browse/MIG-1");
            FakeJira.Issue issue = jira.issue("MIG-1");
            assertThat(issue.fields().path("summary").asText()).isEqualTo("Baseline of the import Job");
            assertThat(issue.fields().path("issuetype").path("name").asText()).isEqualTo("Task");
            assertThat(issue.fields().path("project").path("key").asText()).isEqualTo("MIG");
            assertThat(issue.fields().path("labels").toString()).isEqualTo("[\"migration\",\"postgres\"]");
            assertThat(issue.fields().path("description")).isEqualTo(draft.adfDescription());
            assertThat(issue.attachments()).hasSize(2);
            assertThat(issue.attachments().get(0).fileName()).isEqualTo("raw \"latencies\" ä.bin");
            assertThat(issue.attachments().get(0).content()).isEqualTo(JiraTestData.awkwardBytes());
            assertThat(issue.attachments().get(0).mediaType()).isEqualTo("application/octet-stream");
            assertThat(issue.attachments().get(1).content()).isEqualTo(csv.content());
            assertThat(stored).extracting(JiraClient.StoredAttachment::size).containsExactly(320L, 9L);
            assertThat(jira.received())
                    .filteredOn(r -> r.path().endsWith("/attachments"))
                    .allSatisfy(r -> assertThat(r.contentType()).startsWith("multipart/form-data; boundary="));
        }
    }

    @Test
    void dataCenterGetsWikiMarkupOverRestV2WithABearerToken() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN, "OPS")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.dcCredentials());
            JiraIssueDraft draft = JiraTestData.draft("Index advice for orders");

            String key = client.createIssue("OPS", draft).key();

            assertThat(jira.issue(key).fields().path("description").asText()).isEqualTo(draft.wikiDescription());
            assertThat(jira.received().get(0).path()).isEqualTo("/rest/api/2/issue");
            assertThat(client.getIssue(key).summary()).isEqualTo("Index advice for orders");
        }
    }

    @Test
    void cloudEpicChildGetsParentAndDataCenterUsesTheEpicLinkFieldOrTheAgileApi() throws Exception {
        try (FakeJira cloud = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(cloud.site(), JiraTestData.cloudCredentials());
            String epic = client.createEpic("MIG", JiraTestData.draft("Tuning")).key();
            String child = client.createIssue("MIG", JiraTestData.draft("Step").underEpic(epic))
                    .key();
            assertThat(cloud.issue(epic).fields().path("issuetype").path("name").asText())
                    .isEqualTo("Epic");
            assertThat(cloud.issue(child).fields().path("parent").path("key").asText())
                    .isEqualTo(epic);
        }
        try (FakeJira dc = FakeJira.dataCenter(TOKEN, "OPS")) {
            JiraClient withField = new JiraClient(
                    dc.site().withEpicFields("customfield_10014", "customfield_10011"), JiraTestData.dcCredentials());
            String epic =
                    withField.createEpic("OPS", JiraTestData.draft("Tuning")).key();
            String child = withField
                    .createIssue("OPS", JiraTestData.draft("Step").underEpic(epic))
                    .key();
            assertThat(dc.issue(epic).fields().path("customfield_10011").asText())
                    .isEqualTo("Tuning");
            assertThat(dc.issue(child).fields().path("customfield_10014").asText())
                    .isEqualTo(epic);
            assertThat(dc.linkedUnder(epic)).isEmpty();

            JiraClient noField = new JiraClient(dc.site(), JiraTestData.dcCredentials());
            String later = noField.createIssue(
                            "OPS", JiraTestData.draft("Step 2").underEpic(epic))
                    .key();
            assertThat(dc.issue(later).fields().has("parent")).isFalse();
            assertThat(dc.linkedUnder(epic)).containsExactly(later);
        }
    }

    @Test
    void aDescriptionThatIsNotAnAtlassianDocumentIsExplainedWithTheFlavourToUse() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            JsonNode notADoc = Json.mapper().readTree("{\"type\":\"paragraph\",\"content\":[]}");
            JiraIssueDraft draft = new JiraIssueDraft("S", "text", notADoc, List.of(), List.of(), "Task", null);

            MigLabException e = refusal(() -> client.createIssue("MIG", draft));

            assertThat(e.getMessage())
                    .isEqualTo("Jira rejected creating Task 'S' in project MIG (400): on Jira Cloud (REST v3) the"
                            + " description must be an Atlassian Document (ADF), not text or wiki markup.");
            assertThat(e.hint()).contains("--flavour dc");
            assertThat(jira.issues()).isEmpty();
        }
    }

    @Test
    void otherBadRequestsQuoteJirasErrors() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            MigLabException e = refusal(() -> client.createIssue("NOPE", JiraTestData.draft("S")));
            assertThat(e.getMessage())
                    .isEqualTo("Jira rejected creating Task 'S' in project NOPE (400): project: valid project is"
                            + " required");
        }
    }

    @Test
    void aDataCenterEpicWithoutItsEpicNameFieldSaysWhichFieldToGive() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN, "OPS")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.dcCredentials());
            jira.answerEverything(
                    400, "{\"errorMessages\":[],\"errors\":{\"customfield_10011\":\"Epic Name is required.\"}}");
            MigLabException e = refusal(() -> client.createEpic("OPS", JiraTestData.draft("Tuning")));
            assertThat(e.getMessage())
                    .isEqualTo(
                            "Jira rejected creating Epic 'Tuning' in project OPS (400): customfield_10011: Epic Name is"
                                    + " required.");
            assertThat(e.hint()).contains("/rest/api/2/field").contains("epicNameField");
        }
    }

    @Test
    void aWrongTokenIsA401ThatSaysWrongOrExpired() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, "the-right-token", "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            MigLabException e = refusal(client::myself);
            assertThat(e.getMessage())
                    .isEqualTo("Jira at " + jira.url() + " refused the credentials from test (401): the API token or"
                            + " the email in MIGLAB_JIRA_EMAIL is wrong, or the token expired.");
            assertThat(e.hint()).contains("id.atlassian.com");
        }
        try (FakeJira jira = FakeJira.dataCenter("the-right-token", "OPS")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.dcCredentials());
            assertThat(refusal(client::myself).getMessage())
                    .endsWith("(401): the personal access token is wrong or expired.");
        }
    }

    @Test
    void forbiddenNamesTheProjectAndOnUploadsTheAttachmentSetting() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            String key = client.createIssue("MIG", JiraTestData.draft("S")).key();
            jira.answerEverything(403, "{\"errorMessages\":[\"You do not have permission to create attachments.\"]}");

            MigLabException upload = refusal(() -> client.upload(key, List.of(png())));
            MigLabException create = refusal(() -> client.createIssue("MIG", JiraTestData.draft("T")));

            assertThat(upload.getMessage())
                    .isEqualTo("Jira at " + jira.url() + " forbids uploading 'chart.png' (2.0 kB) to MIG-1 (403): your"
                            + " account has no permission on project MIG, or attachments are disabled on this site."
                            + " Jira said: You do not have permission to create attachments.");
            assertThat(create.getMessage())
                    .contains("no permission on project MIG")
                    .doesNotContain("attachments are");
        }
    }

    @Test
    void notFoundNamesTheKeyAndSuspectsTheBaseUrl() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            assertThat(refusal(() -> client.getIssue("MIG-99")).getMessage())
                    .isEqualTo("Jira at " + jira.url() + " found nothing for reading issue MIG-99 (404): issue MIG-99"
                            + " does not exist or you cannot see it, or " + jira.url() + " is not the Jira base URL.");
            JiraClient wrongBase = new JiraClient(
                    JiraSite.of(jira.url() + "/wiki", JiraFlavour.CLOUD), JiraTestData.cloudCredentials());
            assertThat(refusal(wrongBase::myself).getMessage())
                    .contains("(404)")
                    .contains("is not the Jira base URL");
        }
    }

    @Test
    void tooLargeNamesTheFileAndItsSize() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            String key = client.createIssue("MIG", JiraTestData.draft("S")).key();
            jira.limitAttachments(1000);
            assertThat(refusal(() -> client.upload(key, List.of(png()))).getMessage())
                    .isEqualTo("Jira refused attachment 'chart.png' (2.0 kB) as too large (413); the site's attachment"
                            + " size limit is lower.");
            assertThat(jira.issue(key).attachments()).isEmpty();
        }
    }

    @Test
    void connectionRefusedAndTimeoutAreOneLineEach() throws Exception {
        String closedUrl;
        try (FakeJira gone = FakeJira.cloud(EMAIL, TOKEN)) {
            closedUrl = gone.url();
        }
        JiraClient refused = new JiraClient(JiraSite.of(closedUrl, JiraFlavour.CLOUD), JiraTestData.cloudCredentials());
        assertThat(refusal(refused::myself).getMessage())
                .isEqualTo("Could not reach Jira at " + closedUrl + ": connection refused (signing in).");

        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN)) {
            jira.hang();
            JiraClient slow = new JiraClient(jira.site(), JiraTestData.cloudCredentials(), Duration.ofMillis(300));
            assertThat(refusal(slow::myself).getMessage())
                    .isEqualTo("Jira at " + jira.url() + " did not answer within 300 ms (signing in).");
        }
    }

    @Test
    void checkSignsInAndSaysAsWhom() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN)) {
            JiraClient.Myself me = new JiraClient(jira.site(), JiraTestData.dcCredentials()).myself();
            assertThat(me.displayName()).isEqualTo("Lab Tester");
            assertThat(jira.received()).extracting(FakeJira.Received::path).containsExactly("/rest/api/2/myself");
        }
    }

    @Test
    void theTokenIsInNoMessageEvenWhenJiraEchoesIt() throws Exception {
        String basic = Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            JiraClient client = new JiraClient(jira.site(), JiraTestData.cloudCredentials());
            jira.answerEverything(
                    500, "{\"errorMessages\":[\"bad header Authorization: Basic " + basic + " token " + TOKEN + "\"]}");
            MigLabException e = refusal(client::myself);
            assertThat(e.getMessage()).startsWith("Jira at " + jira.url() + " answered 500 to signing in: bad header");
            assertThat(e.userMessage()).doesNotContain(TOKEN).doesNotContain(basic);
            for (int status : new int[] {400, 401, 403, 404, 413}) {
                jira.answerEverything(status, "{\"errorMessages\":[\"" + TOKEN + "\"]}");
                assertThat(refusal(() -> client.upload("MIG-1", List.of(png()))).userMessage())
                        .doesNotContain(TOKEN)
                        .doesNotContain(basic);
            }
        }
    }

    private static JiraAttachment png() {
        return new JiraAttachment("chart.png", "image/png", new byte[2000]);
    }

    private static MigLabException refusal(ThrowingCallable call) {
        Throwable[] thrown = {null};
        assertThatThrownBy(call).isInstanceOf(MigLabException.class).satisfies(t -> thrown[0] = t);
        MigLabException e = (MigLabException) thrown[0];
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN);
        return e;
    }
}
