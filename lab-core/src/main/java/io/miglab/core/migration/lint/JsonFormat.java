package io.miglab.core.migration.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON array with squawk's field names (file, line, column, level, message, help, rule_name), so tools that read
 * squawk's output read this too, plus the table's rows and bytes (null without a target).
 */
public final class JsonFormat implements LintFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(LintReport report) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Finding f : report.findings()) {
            ObjectNode o = array.addObject();
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("column", f.column());
            o.put("level", f.severity().label());
            o.put("message", f.message());
            o.put("help", f.help());
            o.put("rule_name", f.rule().id());
            o.put("table", f.table());
            o.put("rows", f.rows());
            o.put("bytes", f.bytes());
        }
        try {
            return MAPPER.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
