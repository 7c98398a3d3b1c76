package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.report.jira.FakeJira;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab jira push} and {@code check} against the local fake Jira. */
class JiraCliTest {
    static final String EMAIL = "lab@example.com";
    static final String TOKEN = "ATATT3x-cli-s3cr3t-9Qz";
    static final byte[] PLAN_JSON = "{\"Plan\":{\"Node Type\":\"Seq Scan\"}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path home;

    static long baseline;

    @BeforeAll
    static void anExperimentWithAFigureAndAnArtifact() {
        try (Workspace ws = Workspace.open(new MigLabHome(home), System.getenv());
                ExperimentRun run = ws.ledger().begin("plan-review", "orders p95", TargetFingerprint.NONE, null)) {
            run.measure("p95", 41.5, "ms");
            run.attach("plan.json", "application/json", PLAN_JSON);
            run.succeed();
            baseline = run.id();
        }
    }

    static CliRun miglab(String token, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MIGLAB_HOME", home.toString());
        env.put("MIGLAB_JIRA_EMAIL", EMAIL);
        env.remove("MIGLAB_JIRA_URL");
        if (token != null) {
            env.put("MIGLAB_JIRA_TOKEN", token);
        } else {
            env.remove("MIGLAB_JIRA_TOKEN");
        }
        int code = Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                null);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pushIsADryRunUnlessExecuteAndSendsNothing() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            CliRun r = miglab(
                    TOKEN,
                    "jira",
                    "push",
                    String.valueOf(baseline),
                    "--project",
                    "MIG",
                    "--url",
                    jira.url(),
                    "--flavour",
                    "cloud");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(jira.received()).isEmpty();
            assertThat(r.out())
                    .startsWith("Dry run: nothing was sent.")
                    .contains("POST " + jira.url() + "/rest/api/3/issue\n")
                    .contains("create Task in MIG: \"orders p95\"")
                    .contains("labels: migration, performance, postgres")
                    .contains("file: 04-report.html (text/html, ")
                    .contains("file: 30-e" + baseline + "-plan.json (application/json, 33 B)")
                    .contains("Credentials: a token from MIGLAB_JIRA_TOKEN would be used.")
                    .doesNotContain(TOKEN);

            CliRun json = miglab(
                    TOKEN, "jira", "push", String.valueOf(baseline), "--project", "MIG", "--url", jira.url(), "--json");
            assertThat(json.code()).as(json.err()).isZero();
            JsonNode plan = Json.mapper().readTree(json.out());
            assertThat(plan.path("dryRun").asBoolean()).isTrue();
            // The issue, then one upload per file: the HTML page, the tables as CSV, the evidence.
            assertThat(plan.path("plan").path("requests").size()).isGreaterThan(2);
            java.util.List<String> files = new java.util.ArrayList<>();
            plan.path("plan")
                    .path("requests")
                    .forEach(q -> files.add(q.path("attachment").asText()));
            assertThat(files).contains("30-e" + baseline + "-plan.json (application/json, 33 B)");
            assertThat(json.out()).doesNotContain(TOKEN);
            assertThat(jira.received()).isEmpty();
        }
    }

    @Test
    void executeCreatesTheIssueAndUploadsTheArtifacts() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            CliRun r = miglab(
                    TOKEN,
                    "jira",
                    "push",
                    String.valueOf(baseline),
                    "--project",
                    "MIG",
                    "--url",
                    jira.url(),
                    "--flavour",
                    "cloud",
                    "--execute");

            assertThat(r.code()).as(r.err()).isZero();
            FakeJira.Issue issue = jira.issue("MIG-1");
            assertThat(r.out())
                    .isEqualTo("Created MIG-1 " + jira.url() + "/browse/MIG-1 ("
                            + issue.attachments().size() + " files attached)\n");
            // The Atlassian Document the report renders: its heading and the measurement's figure as text nodes.
            assertThat(issue.fields().path("description").path("type").asText()).isEqualTo("doc");
            assertThat(issue.fields().path("description").toString())
                    .contains("\"text\":\"orders p95\"")
                    .contains("41.5");
            assertThat(issue.attachments())
                    .anySatisfy(a -> assertThat(a.content()).isEqualTo(PLAN_JSON))
                    .anySatisfy(a -> assertThat(new String(a.content(), java.nio.charset.StandardCharsets.UTF_8))
                            .startsWith("<!DOCTYPE html>"));
            assertThat(r.err()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aDataCenterIssueGetsACommentAndTheFiles() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN, "OPS")) {
            jira.seed("OPS-3", "Slow import");
            CliRun r = miglab(
                    TOKEN,
                    "jira",
                    "push",
                    String.valueOf(baseline),
                    "--issue",
                    "OPS-3",
                    "--url",
                    jira.url(),
                    "--execute",
                    "--json");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode result = Json.mapper().readTree(r.out());
            assertThat(result.path("issues").get(0).path("key").asText()).isEqualTo("OPS-3");
            assertThat(jira.issue("OPS-3").comments().get(0).asText()).contains("h2. Experiment " + baseline);
        }
    }

    @Test
    void aRefusedTokenIsOneLineAndExitOneWithoutTheToken() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, "another-token", "MIG")) {
            CliRun r = miglab(TOKEN, "jira", "check", "--url", jira.url(), "--flavour", "cloud");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().lines().findFirst().orElseThrow())
                    .isEqualTo(
                            "miglab: Jira at " + jira.url() + " refused the credentials from MIGLAB_JIRA_TOKEN"
                                    + " (401): the API token or the email in MIGLAB_JIRA_EMAIL is wrong, or the token expired.");
            assertThat(r.err()).doesNotContain(TOKEN).doesNotContain("at io.miglab");
        }
    }

    @Test
    void checkSaysAsWhom() throws Exception {
        try (FakeJira jira = FakeJira.dataCenter(TOKEN)) {
            CliRun r = miglab(TOKEN, "jira", "check", "--url", jira.url());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out())
                    .isEqualTo("Signed in to " + jira.url() + " (Jira Data Center, REST v2) as Lab Tester"
                            + " <tester@example.com> with the token from MIGLAB_JIRA_TOKEN.\n");
        }
    }

    @Test
    void theTuningLoopFilesAnEpicThenOneTicketPerStepUnderItWithItsEvidence() throws Exception {
        try (FakeJira jira = FakeJira.cloud(EMAIL, TOKEN, "MIG")) {
            CliRun r = miglab(
                    TOKEN,
                    "jira",
                    "loop",
                    "--project",
                    "MIG",
                    "--job",
                    "orders-import",
                    "--step",
                    "final=" + baseline,
                    "--step",
                    "prepare=" + baseline,
                    "--note",
                    "prepare=398 s at 1 CPU, OOMKilled once at 512Mi.",
                    "--rollback",
                    "kubectl apply -f job-v1.yaml",
                    "--monitoring",
                    "Job duration and OOMKilled for three nightly runs",
                    "--url",
                    jira.url(),
                    "--flavour",
                    "cloud",
                    "--execute");

            assertThat(r.code()).as(r.err()).isZero();
            FakeJira.Issue epic = jira.issue("MIG-1");
            assertThat(epic.fields().path("issuetype").path("name").asText()).isEqualTo("Epic");
            assertThat(epic.fields().path("summary").asText()).isEqualTo("Tuning loop: orders-import");
            // Children in loop order whatever the order given: prepare (1/6) first, final (6/6) last.
            FakeJira.Issue prepare = jira.issue("MIG-2");
            FakeJira.Issue last = jira.issue("MIG-3");
            assertThat(prepare.fields().path("summary").asText()).startsWith("orders-import 1/6 Prepare and baseline");
            assertThat(last.fields().path("summary").asText()).startsWith("orders-import 6/6 Final configuration");
            for (FakeJira.Issue child : java.util.List.of(prepare, last)) {
                assertThat(child.fields().path("parent").path("key").asText()).isEqualTo("MIG-1");
                assertThat(child.fields().path("labels").toString())
                        .isEqualTo("[\"migration\",\"performance\",\"k8s\",\"postgres\"]");
                assertThat(child.attachments())
                        .anySatisfy(a -> assertThat(a.content()).isEqualTo(PLAN_JSON));
            }
            assertThat(prepare.fields().path("description").toString()).contains("OOMKilled once at 512Mi");
            assertThat(last.fields().path("description").toString())
                    .contains("\"text\":\"Rollback plan\"")
                    .contains("kubectl apply -f job-v1.yaml");
            assertThat(r.err()).doesNotContain(TOKEN);
        }
    }

    @Test
    void badInputIsOneLine() {
        assertThat(miglab(TOKEN, "jira", "push", "999999", "--project", "MIG", "--url", "https://x.atlassian.net")
                        .err())
                .startsWith("miglab: There is no experiment 999999 in the ledger.\n")
                .doesNotContain("\tat ");
        assertThat(miglab(TOKEN, "jira", "push", "1", "--project", "MIG", "--url", "http://jira.example.com")
                        .err())
                .startsWith("miglab: Jira URL 'http://jira.example.com' must use https");
        CliRun noUrl = miglab(TOKEN, "jira", "check");
        assertThat(noUrl.code()).isEqualTo(1);
        assertThat(noUrl.err()).startsWith("miglab: No Jira URL given");
    }
}
