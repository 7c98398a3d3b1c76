package io.miglab.core.report;

import static io.miglab.core.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JiraWikiRendererTest {
    private final String wiki = new JiraWikiRenderer().render(ReportFixtures.hostile());
    private final List<String> lines = wiki.lines().toList();

    @Test
    void markupInTextIsEscapedAndReadsBackAsTheSameText() {
        assertThat(lines.get(0)).startsWith("h1. ");
        assertThat(JiraWikiRenderer.unescape(lines.get(0).substring(4))).isEqualTo("Title " + HOSTILE);
        assertThat(lines)
                .anySatisfy(l -> assertThat(JiraWikiRenderer.unescape(l)).isEqualTo(HOSTILE));
        // The entities that stand for & and a backslash are the escaper's own; the rest must be escaped.
        String escaped =
                JiraWikiRenderer.escapeText(HOSTILE).replace("&#38;", "").replace("&#92;", "");
        // No macro, table bar, effect or link starts in escaped text: each such character has its backslash.
        for (int i = 0; i < escaped.length(); i++) {
            if ("{}|*_[]^~+?!#".indexOf(escaped.charAt(i)) >= 0) {
                assertThat(escaped.charAt(i - 1)).as("at %d of %s", i, escaped).isEqualTo('\\');
            }
        }
        assertThat(escaped).doesNotContain("{code}").doesNotContain("||").contains("\\{code\\}", "\\|\\|");
        // A backslash is an entity: two of them would be Jira's line break.
        assertThat(JiraWikiRenderer.escapeText("a\\\\b")).isEqualTo("a&#92;&#92;b");
        assertThat(JiraWikiRenderer.escapeText("(y) :) x (a long word)")).isEqualTo("\\(y) \\:) x (a long word)");
    }

    @Test
    void aLineThatWouldBeAHeadingHasItsDotEscaped() {
        assertThat(JiraWikiRenderer.escapeText("h2. not a heading")).isEqualTo("h2\\. not a heading");
        assertThat(JiraWikiRenderer.escapeText("see h2. there")).isEqualTo("see h2. there");
        assertThat(JiraWikiRenderer.unescape(JiraWikiRenderer.escapeText("x\nbq. quote")))
                .isEqualTo("x\nbq. quote");
    }

    @Test
    void tablesUseDoubleBarsForTheHeaderAndKeepCellTextAndEmptyCells() {
        String header =
                lines.stream().filter(l -> l.startsWith("||name")).findFirst().orElseThrow();
        assertThat(header).endsWith("||value||mid||");
        String row =
                lines.stream().filter(l -> l.startsWith("|snake")).findFirst().orElseThrow();
        String[] cells = row.substring(1, row.length() - 1).split("(?<!\\\\)\\|", -1);
        assertThat(cells).hasSize(3);
        assertThat(JiraWikiRenderer.unescape(cells[0])).isEqualTo(HOSTILE);
        assertThat(cells[2]).isEqualTo(" ");
    }

    @Test
    void codeHoldingNoformatGoesInACodeMacro() {
        assertThat(wiki).contains("{code}\nSELECT '{noformat}' || '```' FROM t_x WHERE a = '<script>'\n{code}");
        assertThat(JiraWikiRenderer.codeBlock(new ReportSection.CodeBlock("sql", "SELECT 1")))
                .isEqualTo("{noformat}\nSELECT 1\n{noformat}");
    }
}
