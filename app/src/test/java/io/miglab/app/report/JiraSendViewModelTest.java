package io.miglab.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Preferences;
import io.miglab.core.report.ReportRequest;
import io.miglab.core.report.ReportService;
import io.miglab.core.report.jira.FakeJira;
import io.miglab.core.report.jira.SecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Send to Jira from the export panel, against a local server that checks the requests as Jira Cloud would. */
class JiraSendViewModelTest {
    static final String EMAIL = "lab@example.com";
    static final String TOKEN = "ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123";

    @TempDir
    Path dir;

    Ledger ledger;
    FakeJira jira;
    final RecordingDialogs dialogs = new RecordingDialogs();
    ReportExportViewModel export;
    JiraSendViewModel send;

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.db"));
        long matrix = ReportExportViewModelTest.loaderMatrix(ledger, "Loaders for orders");
        jira = FakeJira.cloud(EMAIL, TOKEN, "MIG");
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        export = new ReportExportViewModel(new ReportService(ledger), runner, dialogs, text -> {});
        export.prepare(ReportRequest.of(List.of(matrix)));
        Map<String, String> env = Map.of("MIGLAB_JIRA_TOKEN", TOKEN, "MIGLAB_JIRA_EMAIL", EMAIL);
        send = new JiraSendViewModel(
                export, new Preferences(ledger, Clock.systemUTC()), env::get, SecretStore.NONE, runner, dialogs);
        send.urlProperty().set(jira.url());
        send.flavourProperty().set("cloud");
        send.whereProperty().set("mig");
    }

    @AfterEach
    void tearDown() {
        jira.close();
        ledger.close();
    }

    @Test
    void sendShowsEveryRequestFirstAndSendsNothingOnNo() {
        dialogs.answer = false;
        send.send();
        assertThat(dialogs.confirmations)
                .singleElement()
                .asString()
                .contains("POST " + jira.url() + "/rest/api/3/issue", "Loaders for orders", "04-report.html")
                .doesNotContain(TOKEN);
        assertThat(jira.received()).isEmpty();
        assertThat(send.statusProperty().get()).isEqualTo("Nothing was sent.");
    }

    @Test
    void onYesTheIssueIsCreatedWithTheAdfDescriptionAndOnlyTheTickedFiles() {
        export.attachments().stream()
                .filter(a -> a.entry().name().endsWith(".csv"))
                .forEach(a -> a.chosenProperty().set(false));
        send.send();

        assertThat(dialogs.errors).isEmpty();
        FakeJira.Issue issue = jira.issue("MIG-1");
        assertThat(issue.fields().path("summary").asText()).isEqualTo("Loaders for orders");
        assertThat(issue.fields().path("description").path("type").asText()).isEqualTo("doc");
        assertThat(issue.fields().path("labels").toString()).contains("migration", "performance", "postgres");
        assertThat(issue.attachments())
                .extracting(FakeJira.Stored::fileName)
                .contains("04-report.html")
                .anyMatch(n -> n.endsWith(".png"))
                .noneMatch(n -> n.endsWith(".csv"))
                .noneMatch(n -> n.endsWith(".jira.txt"));
        assertThat(send.statusProperty().get()).startsWith("Created MIG-1");
        // Remembered for next time: the site and where, never the token.
        Preferences prefs = new Preferences(ledger, Clock.systemUTC());
        assertThat(prefs.get(JiraSendViewModel.URL_PREFERENCE)).contains(jira.url());
        assertThat(prefs.get(JiraSendViewModel.WHERE_PREFERENCE)).contains("mig");
    }

    @Test
    void anIssueKeyGetsTheReportAsACommentWithItsFiles() {
        jira.seed("MIG-7", "Slow nightly load");
        send.whereProperty().set("MIG-7");
        send.send();
        assertThat(dialogs.errors).isEmpty();
        assertThat(jira.issue("MIG-7").comments()).hasSize(1);
        assertThat(send.statusProperty().get()).startsWith("Updated MIG-7");
    }

    @Test
    void noPlaceOrABadUrlOrAWrongTokenIsOneErrorEach() {
        send.whereProperty().set(" ");
        send.send();
        send.whereProperty().set("MIG");
        send.urlProperty().set("ftp://jira");
        send.send();
        send.urlProperty().set(jira.url());
        send = new JiraSendViewModel(
                export,
                new Preferences(ledger, Clock.systemUTC()),
                Map.of("MIGLAB_JIRA_TOKEN", "wrong-token", "MIGLAB_JIRA_EMAIL", EMAIL)::get,
                SecretStore.NONE,
                new SameThreadTaskRunner(),
                dialogs);
        send.urlProperty().set(jira.url());
        send.flavourProperty().set("cloud");
        send.whereProperty().set("MIG");
        send.send();
        assertThat(dialogs.errors).hasSize(3);
        assertThat(dialogs.errors.get(0)).contains("Name the Jira project");
        assertThat(dialogs.errors.get(1)).contains("ftp://jira");
        assertThat(dialogs.errors.get(2)).contains("401").doesNotContain("wrong-token");
        assertThat(send.statusProperty().get()).startsWith("Not sent:");
    }
}
