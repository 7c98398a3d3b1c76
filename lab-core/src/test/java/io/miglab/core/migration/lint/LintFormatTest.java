package io.miglab.core.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miglab.core.MigLabException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintFormatTest {
    private static final Finding SIZED = new Finding(
            LintRule.UNBATCHED_UPDATE,
            Severity.ERROR,
            "UPDATE changes 100% of it, line one\nline two\r",
            "Work in batches.",
            "db/V2,fix:data.sql",
            12,
            3,
            "items",
            16_000_000L,
            8_589_934_592L);
    private static final Finding UNSIZED = new Finding(
            LintRule.MISSING_STATEMENT_TIMEOUT,
            Severity.INFO,
            "No timeout.",
            "SET it.",
            "m.sql",
            1,
            1,
            null,
            null,
            null);
    private static final LintReport REPORT = new LintReport("m.sql", "prod", true, List.of(SIZED, UNSIZED));

    @Test
    void textPutsTheFixOnTheNextLineAndCountsAtTheEnd() {
        String text = new TextFormat().render(REPORT);
        assertThat(text.lines().toList())
                .startsWith(
                        "db/V2,fix:data.sql:12:3: error unbatched-update: UPDATE changes 100% of it, line one line"
                                + " two",
                        "  help: Work in batches.",
                        "m.sql:1:1: info missing-statement-timeout: No timeout.",
                        "  help: SET it.")
                .endsWith("m.sql: 1 errors, 0 warnings, 1 notes (sizes from target prod)");
    }

    @Test
    void jsonHasSquawksFieldsPlusRowsAndBytes() throws Exception {
        JsonNode array = new ObjectMapper().readTree(new JsonFormat().render(REPORT));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        JsonNode first = array.get(0);
        assertThat(first.get("file").asText()).isEqualTo("db/V2,fix:data.sql");
        assertThat(first.get("line").asInt()).isEqualTo(12);
        assertThat(first.get("column").asInt()).isEqualTo(3);
        assertThat(first.get("level").asText()).isEqualTo("error");
        assertThat(first.get("rule_name").asText()).isEqualTo("unbatched-update");
        assertThat(first.get("message").asText()).isEqualTo(SIZED.message());
        assertThat(first.get("help").asText()).isEqualTo("Work in batches.");
        assertThat(first.get("rows").asLong()).isEqualTo(16_000_000L);
        assertThat(first.get("bytes").asLong()).isEqualTo(8_589_934_592L);
        assertThat(array.get(1).get("rows").isNull()).isTrue();
        assertThat(array.get(1).get("bytes").isNull()).isTrue();
        assertThat(new JsonFormat().render(new LintReport("e.sql", null, false, List.of())))
                .isEqualTo("[ ]\n");
    }

    @Test
    void githubEscapesPercentAndLineBreaksAndPropertySeparators() {
        List<String> lines = new GithubFormat().render(REPORT).lines().toList();
        assertThat(lines)
                .containsExactly(
                        "::error file=db/V2%2Cfix%3Adata.sql,line=12,col=3,title=unbatched-update::UPDATE changes"
                                + " 100%25 of it, line one%0Aline two%0D%0AWork in batches.",
                        "::notice file=m.sql,line=1,col=1,title=missing-statement-timeout::No timeout.%0ASET it.");
    }

    @Test
    void formatsAreNamed() {
        assertThat(LintFormat.named("json")).isInstanceOf(JsonFormat.class);
        assertThat(LintFormat.named("github")).isInstanceOf(GithubFormat.class);
        assertThat(LintFormat.named("text")).isInstanceOf(TextFormat.class);
        assertThatThrownBy(() -> LintFormat.named("sarif"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("--format sarif: the formats are text, json and github.");
    }
}
