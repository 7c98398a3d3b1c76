package io.miglab.core.report.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base URLs: https, or http to this machine; one line naming what is wrong otherwise. */
class JiraSiteTest {

    @ParameterizedTest
    @CsvSource({
        "https://acme.atlassian.net/, https://acme.atlassian.net",
        "https://jira.acme.com/jira, https://jira.acme.com/jira",
        "http://localhost:8080, http://localhost:8080",
        "http://127.0.0.1:1234/, http://127.0.0.1:1234"
    })
    void goodUrlsLoseTheirTrailingSlash(String given, String base) {
        assertThat(JiraSite.baseUrl(given)).hasToString(base);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://acme atlassian.net| Jira URL 'https://acme atlassian.net' is not a URL: Illegal character in"
                        + " authority.",
                "acme.atlassian.net| Jira URL 'acme.atlassian.net' has no host; write it like"
                        + " https://your-site.atlassian.net.",
                "http://jira.acme.com| Jira URL 'http://jira.acme.com' must use https (http only to localhost), so the"
                        + " token never crosses the network in clear.",
                "https://jira.acme.com/rest/api/2/issue| Jira URL 'https://jira.acme.com/rest/api/2/issue' should be"
                        + " the site's base address, not a REST path: drop everything from /rest/ on.",
                "https://jira.acme.com/?x=1| Jira URL 'https://jira.acme.com/?x=1' must be the site's base address,"
                        + " without ? or #."
            })
    void badUrlsAreOneLineEach(String given, String message) {
        assertThatThrownBy(() -> JiraSite.baseUrl(given))
                .isInstanceOf(MigLabException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"https://bob:hunter2@jira.acme.com", "https://bob:hunter2@jira acme"})
    void aPasswordInTheUrlIsNeverEchoed(String given) {
        assertThatThrownBy(() -> JiraSite.baseUrl(given))
                .isInstanceOf(MigLabException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
