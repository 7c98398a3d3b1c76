package io.miglab.core.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table of a report as CSV (RFC 4180): a field holding a comma, a quote or a line break is quoted, its
 * quotes doubled; lines end with CRLF. Cells are written as they are, so a spreadsheet may read a cell that starts
 * with {@code =} as a formula: open the files as text when they hold text from elsewhere.
 */
public final class CsvRenderer {

    /** One CSV per table, by file name ({@code table-e12-latency.csv}), in report order. */
    public Map<String, String> render(Report report) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Table t : report.tables()) {
            String name = "table-" + t.name() + ".csv";
            for (int i = 2; files.containsKey(name); i++) {
                name = "table-" + t.name() + "-" + i + ".csv";
            }
            files.put(name, render(t));
        }
        return files;
    }

    public String render(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns().stream().map(Table.Column::name).toList());
        table.rows().forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
