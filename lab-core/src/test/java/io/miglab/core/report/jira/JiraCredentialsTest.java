package io.miglab.core.report.jira;

import static io.miglab.core.report.jira.JiraTestData.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials come from the environment, then the OS secret store, and never show. */
class JiraCredentialsTest {
    static final JiraSite CLOUD = JiraSite.of("https://acme.atlassian.net", JiraFlavour.CLOUD);
    static final JiraSite DC = JiraSite.of("https://jira.acme.com", JiraFlavour.DATA_CENTER);

    static SecretStore storeWith(String account, String secret) {
        return new SecretStore() {
            @Override
            public Optional<String> lookup(String a) {
                return a.equals(account) ? Optional.of(secret) : Optional.empty();
            }

            @Override
            public String name() {
                return "keyring";
            }

            @Override
            public String describe() {
                return "the keyring";
            }
        };
    }

    @Test
    void theEnvironmentComesBeforeTheSecretStore() {
        Map<String, String> env = Map.of("MIGLAB_JIRA_TOKEN", TOKEN, "MIGLAB_JIRA_EMAIL", "a@b.c");
        JiraCredentials c = JiraCredentials.resolve(CLOUD, env::get, storeWith("https://acme.atlassian.net", "x"));
        assertThat(c.token()).isEqualTo(TOKEN);
        assertThat(c.source()).isEqualTo("MIGLAB_JIRA_TOKEN");

        JiraCredentials stored = JiraCredentials.resolve(
                DC, Map.<String, String>of()::get, storeWith("https://jira.acme.com", "from-keyring"));
        assertThat(stored.token()).isEqualTo("from-keyring");
        assertThat(stored.source()).isEqualTo("keyring");
    }

    @Test
    void noTokenAnywhereSaysWhereToPutOne() {
        assertThatThrownBy(() -> JiraCredentials.resolve(DC, Map.<String, String>of()::get, SecretStore.NONE))
                .hasMessage("No Jira token for https://jira.acme.com: set MIGLAB_JIRA_TOKEN or store one with an OS"
                        + " secret store.");
        Map<String, String> noEmail = Map.of("MIGLAB_JIRA_TOKEN", TOKEN);
        assertThatThrownBy(() -> JiraCredentials.resolve(CLOUD, noEmail::get, SecretStore.NONE))
                .hasMessage("Jira Cloud signs in with email and API token: set MIGLAB_JIRA_EMAIL to your Atlassian"
                        + " account email.");
    }

    @Test
    void toStringAndScrubHideTheToken() {
        JiraCredentials c = new JiraCredentials("a@b.c", TOKEN, "MIGLAB_JIRA_TOKEN");
        assertThat(c.toString())
                .isEqualTo("JiraCredentials[email=a@b.c, token=****, source=MIGLAB_JIRA_TOKEN]")
                .doesNotContain(TOKEN);
        assertThat(c.scrub("x " + TOKEN + " y")).isEqualTo("x **** y");
    }

    @Test
    void aCommandStoreReadsTheSecretItPrintsAndTreatsFailureAsNothingStored(@TempDir Path dir) throws Exception {
        Path tool = dir.resolve("fake-secret-tool");
        Files.writeString(
                tool, "#!/bin/sh\n[ \"$3\" = \"https://jira.acme.com\" ] && echo 'pat-123' && exit 0\nexit 1\n");
        tool.toFile().setExecutable(true);
        SecretStore store = new SecretStore.CommandSecretStore(
                "secret-tool", List.of(tool.toString(), "lookup", "service", "{account}"), "secret-tool store ...");
        assertThat(store.lookup("https://jira.acme.com")).contains("pat-123");
        assertThat(store.lookup("https://other.example")).isEmpty();
        SecretStore missing = new SecretStore.CommandSecretStore(
                "secret-tool", List.of(dir.resolve("not-installed").toString()), "");
        assertThat(missing.lookup("x")).isEmpty();
    }
}
