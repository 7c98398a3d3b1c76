package io.miglab.core.report.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import java.util.List;

/**
 * A description of headed sections of plain text, rendered to both Jira formats from the same sections. Plain text
 * only: the report renderers in {@code io.miglab.core.report} produce the rich descriptions (tables, charts).
 */
public record PlainDescription(List<Section> sections) {

    /** A heading (or null) over paragraphs and bullets. */
    public record Section(String heading, List<String> paragraphs, List<String> bullets) {
        public Section {
            paragraphs = List.copyOf(paragraphs == null ? List.of() : paragraphs);
            bullets = List.copyOf(bullets == null ? List.of() : bullets);
        }

        public static Section of(String heading, String... paragraphs) {
            return new Section(heading, List.of(paragraphs), List.of());
        }
    }

    public PlainDescription {
        sections = List.copyOf(sections);
    }

    /** Jira wiki markup, every character that means something to the wiki renderer escaped. */
    public String wiki() {
        StringBuilder b = new StringBuilder();
        for (Section s : sections) {
            if (s.heading() != null) {
                b.append("h3. ").append(escapeWiki(s.heading())).append("\n\n");
            }
            for (String p : s.paragraphs()) {
                if (!p.isBlank()) {
                    // A line break inside a paragraph is \\ in wiki markup; a blank line ends it.
                    b.append(String.join(
                                    "\\\\\n",
                                    p.strip()
                                            .lines()
                                            .map(PlainDescription::escapeWiki)
                                            .toList()))
                            .append("\n\n");
                }
            }
            for (String bullet : s.bullets()) {
                b.append("* ")
                        .append(escapeWiki(bullet.replaceAll("\\s+", " ").strip()))
                        .append('\n');
            }
            if (!s.bullets().isEmpty()) {
                b.append('\n');
            }
        }
        return b.toString().stripTrailing();
    }

    /** An Atlassian Document (type doc, version 1) of headings, paragraphs and bullet lists of text nodes. */
    public JsonNode adf() {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (Section s : sections) {
            if (s.heading() != null && !s.heading().isBlank()) {
                ObjectNode h = content.addObject();
                h.put("type", "heading");
                h.putObject("attrs").put("level", 3);
                text(h.putArray("content"), s.heading());
            }
            for (String p : s.paragraphs()) {
                if (!p.isBlank()) {
                    paragraph(content, p.strip());
                }
            }
            if (!s.bullets().isEmpty()) {
                ObjectNode list = content.addObject();
                list.put("type", "bulletList");
                ArrayNode items = list.putArray("content");
                for (String bullet : s.bullets()) {
                    ObjectNode item = items.addObject();
                    item.put("type", "listItem");
                    paragraph(item.putArray("content"), bullet.strip().isEmpty() ? "-" : bullet.strip());
                }
            }
        }
        if (content.isEmpty()) {
            paragraph(content, "(no description)");
        }
        return doc;
    }

    private static void paragraph(ArrayNode into, String text) {
        ObjectNode p = into.addObject();
        p.put("type", "paragraph");
        ArrayNode inline = p.putArray("content");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                inline.addObject().put("type", "hardBreak");
            }
            if (!lines.get(i).isEmpty()) {
                text(inline, lines.get(i));
            }
        }
    }

    private static void text(ArrayNode into, String text) {
        ObjectNode t = into.addObject();
        t.put("type", "text");
        t.put("text", text);
    }

    static String escapeWiki(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\{}[]|*_^~+?!#-".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
