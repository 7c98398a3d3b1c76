package io.miglab.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.finding.Finding;
import io.miglab.core.report.ReportSection.CodeBlock;
import java.util.List;

/**
 * Atlassian Document Format (Jira Cloud REST v3 descriptions), built as Jackson nodes. Text goes into text nodes
 * as it is, so nothing needs escaping: JSON string quoting is the only encoding. Valid against the ADF JSON schema
 * of {@code @atlaskit/adf-schema} ({@code json-schema/v1/full.json}); the tests check it. Right-aligned columns
 * carry the {@code alignment} mark ({@code end}) on their paragraphs.
 */
public final class AdfRenderer implements ReportRenderer {

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return ".adf.json";
    }

    @Override
    public String render(Report report) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write ADF", e);
        }
    }

    /** The document: {@code {"version": 1, "type": "doc", "content": [...]}}. */
    public ObjectNode document(Report report) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("version", 1).put("type", "doc");
        ArrayNode content = doc.putArray("content");
        content.add(heading(1, report.title()));
        if (!report.summary().isEmpty()) {
            content.add(paragraph(report.summary()));
        }
        Environment env = report.environment();
        if (!env.isEmpty()) {
            content.add(heading(2, "Environment"));
            ArrayNode items = Json.mapper().createArrayNode();
            item(items, "Target", env.target());
            item(items, "Server version", env.serverVersion());
            item(items, "Dataset", env.dataset());
            env.settings().forEach(s -> item(items, s.name(), s.value()));
            content.add(list(items));
        }
        for (ReportSection s : report.sections()) {
            section(content, s);
        }
        return doc;
    }

    private static void section(ArrayNode content, ReportSection s) {
        content.add(heading(2, s.heading()));
        s.paragraphs().forEach(p -> content.add(paragraph(p)));
        for (CodeBlock c : s.code()) {
            ObjectNode block = content.addObject().put("type", "codeBlock");
            if (c.language() != null) {
                block.putObject("attrs").put("language", c.language());
            }
            if (!c.text().isEmpty()) {
                block.putArray("content").add(text(c.text()));
            }
        }
        if (!s.goalChecks().isEmpty()) {
            content.add(heading(3, "Goals"));
            content.add(table(GoalTable.of(s.goalChecks())));
        }
        for (Table t : s.tables()) {
            content.add(heading(3, t.title()));
            content.add(table(t));
        }
        if (!s.findings().isEmpty()) {
            content.add(heading(3, "Findings"));
            ArrayNode items = Json.mapper().createArrayNode();
            for (Finding f : s.findings()) {
                ObjectNode p = Json.mapper().createObjectNode().put("type", "paragraph");
                ArrayNode inline = p.putArray("content");
                ObjectNode severity = text(f.severity().toString());
                severity.putArray("marks").addObject().put("type", "strong");
                inline.add(severity);
                inline.add(text(" " + f.title()));
                inline.addObject().put("type", "hardBreak");
                addText(inline, f.evidence());
                if (f.advice() != null) {
                    inline.addObject().put("type", "hardBreak");
                    addText(inline, "Advice: " + f.advice());
                }
                items.add(listItem(p));
            }
            content.add(list(items));
        }
        for (Chart c : s.charts()) {
            content.add(paragraph("Chart: " + c.title() + " (attached as " + ReportBundle.chartFileHint(c) + ")"));
        }
        if (!s.artifacts().isEmpty()) {
            content.add(heading(3, "Attachments"));
            ArrayNode items = Json.mapper().createArrayNode();
            for (ReportArtifact a : s.artifacts()) {
                ObjectNode p = Json.mapper().createObjectNode().put("type", "paragraph");
                ArrayNode inline = p.putArray("content");
                ObjectNode name = text(a.name());
                name.putArray("marks").addObject().put("type", "code");
                inline.add(name);
                addText(inline, ": " + a.description());
                items.add(listItem(p));
            }
            content.add(list(items));
        }
    }

    private static ObjectNode table(Table t) {
        ObjectNode table = Json.mapper().createObjectNode().put("type", "table");
        table.putObject("attrs").put("isNumberColumnEnabled", false).put("layout", "default");
        ArrayNode rows = table.putArray("content");
        ArrayNode header = rows.addObject().put("type", "tableRow").putArray("content");
        for (Table.Column c : t.columns()) {
            header.addObject().put("type", "tableHeader").putArray("content").add(aligned(c.name(), c.align()));
        }
        for (List<String> row : t.rows()) {
            ArrayNode cells = rows.addObject().put("type", "tableRow").putArray("content");
            for (int i = 0; i < row.size(); i++) {
                cells.addObject()
                        .put("type", "tableCell")
                        .putArray("content")
                        .add(aligned(row.get(i), t.columns().get(i).align()));
            }
        }
        return table;
    }

    private static ObjectNode aligned(String text, Table.Align align) {
        ObjectNode p = paragraph(text);
        if (align != Table.Align.LEFT) {
            p.putArray("marks")
                    .addObject()
                    .put("type", "alignment")
                    .putObject("attrs")
                    .put("align", align == Table.Align.RIGHT ? "end" : "center");
        }
        return p;
    }

    private static void item(ArrayNode items, String name, String value) {
        if (value != null) {
            items.add(listItem(paragraph(name + ": " + value)));
        }
    }

    private static ObjectNode list(ArrayNode items) {
        ObjectNode list = Json.mapper().createObjectNode().put("type", "bulletList");
        list.set("content", items);
        return list;
    }

    private static ObjectNode listItem(ObjectNode paragraph) {
        ObjectNode item = Json.mapper().createObjectNode().put("type", "listItem");
        item.putArray("content").add(paragraph);
        return item;
    }

    private static ObjectNode heading(int level, String text) {
        ObjectNode h = Json.mapper().createObjectNode().put("type", "heading");
        h.putObject("attrs").put("level", level);
        ArrayNode inline = h.putArray("content");
        addText(inline, text);
        return h;
    }

    /** A paragraph; line breaks become hardBreak nodes, and an empty text an empty paragraph (text nodes need 1+). */
    static ObjectNode paragraph(String text) {
        ObjectNode p = Json.mapper().createObjectNode().put("type", "paragraph");
        ArrayNode inline = p.putArray("content");
        addText(inline, text);
        return p;
    }

    private static void addText(ArrayNode inline, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                inline.addObject().put("type", "hardBreak");
            }
            if (!lines[i].isEmpty()) {
                inline.add(text(lines[i]));
            }
        }
    }

    private static ObjectNode text(String text) {
        return Json.mapper().createObjectNode().put("type", "text").put("text", text);
    }
}
