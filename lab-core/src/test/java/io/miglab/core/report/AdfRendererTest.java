package io.miglab.core.report;

import static io.miglab.core.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdfRendererTest {

    @Test
    void textNodesHoldTheRawTextWithNoEscaping() throws Exception {
        JsonNode doc = Json.mapper().readTree(new AdfRenderer().render(ReportFixtures.hostile()));
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("type").asText()).isEqualTo("doc");
        List<String> blocks = new ArrayList<>();
        collect(doc, blocks);
        assertThat(blocks).contains("Title " + HOSTILE, HOSTILE, "Summary " + HOSTILE, "Section " + HOSTILE);
        // Cells hold their text as given; an empty cell is an empty paragraph (ADF text nodes need a character).
        assertThat(blocks).contains("x|y", "");
        assertThat(doc.toString()).doesNotContain("\\\\{code\\\\}");
    }

    @Test
    void aLineBreakIsAHardBreakNode() throws Exception {
        JsonNode p = AdfRenderer.paragraph("one\ntwo");
        assertThat(p.get("content").findValuesAsText("type")).containsExactly("text", "hardBreak", "text");
    }

    @Test
    void rightAlignedColumnsCarryTheAlignmentMark() {
        JsonNode doc = new AdfRenderer().document(ReportFixtures.hostile());
        assertThat(doc.toString()).contains("{\"type\":\"alignment\",\"attrs\":{\"align\":\"end\"}}");
    }

    /** The text of every paragraph and heading, its text nodes joined, hard breaks as line breaks. */
    static void collect(JsonNode node, List<String> out) {
        String type = node.path("type").asText();
        if (type.equals("paragraph") || type.equals("heading")) {
            StringBuilder s = new StringBuilder();
            for (JsonNode inline : node.path("content")) {
                s.append(
                        inline.path("type").asText().equals("hardBreak")
                                ? "\n"
                                : inline.path("text").asText());
            }
            out.add(s.toString());
            return;
        }
        node.path("content").forEach(c -> collect(c, out));
    }
}
