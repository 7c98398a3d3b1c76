package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error lines lose their secrets and nothing else. */
class CrashLogTest {
    @Test
    void eachUrlIsRedactedOnItsOwnSoTextAfterItSurvives() {
        String line = CrashLog.oneLine("Jira at http://127.0.0.1:8080 refused the token of lab@example.com;\n"
                + "  the target postgresql://app:s3cret@db:5432/orders answered too.");
        assertThat(line)
                .isEqualTo("Jira at http://127.0.0.1:8080 refused the token of lab@example.com; the target"
                        + " postgresql://***@db:5432/orders answered too.")
                .doesNotContain("s3cret");
    }

    @Test
    void tokensAndAssignmentsAreMasked() {
        assertThat(CrashLog.oneLine("Authorization: Bearer abcdefghijklmnop failed, password=hunter22"))
                .doesNotContain("abcdefghijklmnop")
                .doesNotContain("hunter22");
    }
}
