package io.miglab.core.report;

import static io.miglab.core.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRendererTest {

    @Test
    void everyTableIsOneCsvThatReadsBackCellForCell() {
        Report report = ReportFixtures.hostile();
        Map<String, String> files = new CsvRenderer().render(report);
        assertThat(files).containsOnlyKeys("table-hostile.csv");
        List<List<String>> read = read(files.get("table-hostile.csv"));
        Table table = report.tables().get(0);
        assertThat(read.get(0)).containsExactly("name " + HOSTILE, "value", "mid");
        assertThat(read.subList(1, read.size())).isEqualTo(table.rows());
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(CsvRenderer.field("plain")).isEqualTo("plain");
        assertThat(CsvRenderer.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRenderer.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRenderer.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    /** An RFC 4180 reader, written apart from the writer. */
    static List<List<String>> read(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
