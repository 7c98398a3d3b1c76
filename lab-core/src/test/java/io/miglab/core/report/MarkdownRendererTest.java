package io.miglab.core.report;

import static io.miglab.core.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private final String md = new MarkdownRenderer().render(ReportFixtures.hostile());
    private final List<String> lines = md.lines().toList();

    @Test
    void markupInTextIsBackslashEscapedAndReadsBackAsTheSameText() {
        String title = lines.get(0);
        assertThat(title).startsWith("# ");
        assertThat(MarkdownRenderer.unescape(title.substring(2))).isEqualTo("Title " + HOSTILE);
        assertThat(lines)
                .anySatisfy(l -> assertThat(MarkdownRenderer.unescape(l)).isEqualTo(HOSTILE));
        // Every character that can start markup is escaped: none appears without its backslash.
        String escaped = MarkdownRenderer.escapeText(HOSTILE);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if ("*_|<>`{}[]".indexOf(c) >= 0) {
                assertThat(escaped.charAt(i - 1)).as("before %s at %d", c, i).isEqualTo('\\');
                assertThat(countBackslashesBefore(escaped, i) % 2).isEqualTo(1);
            }
        }
        // Outside code fences (which CommonMark shows verbatim) no tag survives.
        assertThat(md.replaceAll("(?s)````sql.*?````", ""))
                .doesNotContain("<script>")
                .contains("\\<script\\>");
    }

    @Test
    void theEscapesAreCommonMarksBackslashEscapesOfAsciiPunctuationWhereMarkupCanStart() {
        // CommonMark 0.31, 2.4: "Any ASCII punctuation character may be backslash-escaped"; nothing else is.
        for (char c : (MarkdownRenderer.ALWAYS + MarkdownRenderer.LINE_START).toCharArray()) {
            assertThat(MarkdownRenderer.isAsciiPunctuation(c)).as("%s", c).isTrue();
            assertThat(MarkdownRenderer.escapeText(String.valueOf(c))).isEqualTo("\\" + c);
        }
        assertThat(MarkdownRenderer.escapeText("a-b + c = d # e")).isEqualTo("a-b + c = d # e");
        assertThat(MarkdownRenderer.escapeText("- item\n  # heading\n= x")).isEqualTo("\\- item\n  \\# heading\n\\= x");
        assertThat(MarkdownRenderer.escapeText("12. twelve, 3) three, 1.5 s"))
                .isEqualTo("12\\. twelve, 3) three, 1.5 s");
        assertThat(MarkdownRenderer.escapeText("at 11:35:03, :smile: and a:b"))
                .isEqualTo("at 11:35:03, \\:smile: and a:b");
        assertThat(MarkdownRenderer.escapeText("plain text 42")).isEqualTo("plain text 42");
        assertThat(MarkdownRenderer.unescape("\\a\\*")).isEqualTo("\\a*");
    }

    @Test
    void tableCellsSplitOnTheirUnescapedPipesAndKeepTheirText() {
        String row =
                lines.stream().filter(l -> l.startsWith("| snake")).findFirst().orElseThrow();
        String[] cells = row.substring(1, row.length() - 1).split("(?<!\\\\)\\|", -1);
        assertThat(cells).hasSize(3);
        assertThat(MarkdownRenderer.unescape(cells[0].strip())).isEqualTo(HOSTILE);
        assertThat(cells[1].strip()).isEqualTo("1\\.000 ms");
        int header = lines.indexOf(
                lines.stream().filter(l -> l.startsWith("| name")).findFirst().orElseThrow());
        assertThat(lines.get(header + 1)).isEqualTo("| :--- | ---: | :---: |");
        String second = lines.get(header + 3);
        assertThat(Arrays.stream(second.substring(1, second.length() - 1).split("(?<!\\\\)\\|", -1))
                        .map(String::strip)
                        .map(MarkdownRenderer::unescape))
                .containsExactly("plain", "-2", "x|y");
    }

    @Test
    void codeGoesInAFenceLongerThanTheBackticksItHolds() {
        assertThat(md).contains("````sql\nSELECT '{noformat}' || '```' FROM t_x WHERE a = '<script>'\n````");
    }

    @Test
    void aReportRendersTheSameTwice() {
        assertThat(new MarkdownRenderer().render(ReportFixtures.hostile())).isEqualTo(md);
    }

    private static int countBackslashesBefore(String s, int i) {
        int n = 0;
        while (i - 1 - n >= 0 && s.charAt(i - 1 - n) == '\\') {
            n++;
        }
        return n;
    }
}
