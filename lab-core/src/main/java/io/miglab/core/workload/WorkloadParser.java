package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads workload files written the way yesql and sqlc name queries:
 *
 * <pre>
 * -- name: film_by_id
 * -- weight: 5
 * -- params: 42
 * -- params: 7
 * SELECT * FROM film WHERE film_id = ?;
 * </pre>
 *
 * <p>Each statement starts at a {@code -- name:} line; {@code -- weight:} (default 1) and any number of {@code --
 * params:} lines (comma-separated values, one set per line, used in turn; single-quote a value that holds a comma)
 * follow it. Other comments are kept as part of the SQL. Anything wrong stops the parse with the line it is on.
 */
public final class WorkloadParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*(name|weight|params)\\s*:(.*)$");

    private WorkloadParser() {}

    public static Workload parse(String sourceName, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<WorkloadStatement> statements = new ArrayList<>();
        Map<String, Integer> nameLines = new HashMap<>();
        Builder current = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            Matcher m = DIRECTIVE.matcher(line);
            if (m.matches()) {
                String key = m.group(1);
                String value = m.group(2).strip();
                if (key.equals("name")) {
                    if (current != null) {
                        statements.add(current.build(sourceName));
                    }
                    if (!WorkloadStatement.NAME.matcher(value).matches()) {
                        throw error(
                                sourceName,
                                lineNo,
                                "the name '" + value + "' must be letters, digits, '_', '.' or '-' (no spaces)");
                    }
                    Integer earlier = nameLines.putIfAbsent(value, lineNo);
                    if (earlier != null) {
                        throw error(sourceName, lineNo, "the name " + value + " is already used on line " + earlier);
                    }
                    current = new Builder(value, lineNo);
                    continue;
                }
                if (current == null) {
                    throw error(sourceName, lineNo, "-- " + key + ": comes before any -- name: line");
                }
                if (current.sql.length() > 0) {
                    throw error(sourceName, lineNo, "-- " + key + ": must come before the SQL of " + current.name);
                }
                if (key.equals("weight")) {
                    if (current.weightLine > 0) {
                        throw error(sourceName, lineNo, "a second weight for " + current.name);
                    }
                    current.weight = weight(sourceName, lineNo, value);
                    current.weightLine = lineNo;
                } else {
                    current.parameterSets.add(parameters(sourceName, lineNo, value));
                }
                continue;
            }
            if (current == null) {
                if (line.isBlank() || line.strip().startsWith("--")) {
                    continue;
                }
                throw error(sourceName, lineNo, "SQL before the first -- name: line");
            }
            if (current.sql.length() > 0 || !line.isBlank()) {
                current.sql.append(line).append('\n');
            }
        }
        if (current != null) {
            statements.add(current.build(sourceName));
        }
        if (statements.isEmpty()) {
            throw new MigLabException(sourceName + ": no statements; each one starts with a line -- name: NAME");
        }
        return new Workload(sourceName, statements);
    }

    private static int weight(String source, int line, String value) {
        try {
            int weight = Integer.parseInt(value);
            if (weight >= 1 && weight <= 1000) {
                return weight;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the line.
        }
        throw error(source, line, "the weight must be a whole number from 1 to 1000, not '" + value + "'");
    }

    /** Comma-separated values; a single-quoted value may hold commas, and '' inside it is one quote. */
    static List<String> parameters(String source, int line, String value) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                        current.append('\'');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                values.add(wasQuoted ? current.toString() : current.toString().strip());
                current.setLength(0);
                wasQuoted = false;
            } else if (!(wasQuoted && Character.isWhitespace(c))) {
                current.append(c);
            }
        }
        if (quoted) {
            throw error(source, line, "an unterminated quote in the parameters");
        }
        values.add(wasQuoted ? current.toString() : current.toString().strip());
        if (values.size() == 1 && values.get(0).isEmpty() && !wasQuoted) {
            throw error(source, line, "-- params: needs at least one value");
        }
        return values;
    }

    private static MigLabException error(String source, int line, String what) {
        return new MigLabException(source + " line " + line + ": " + what + ".");
    }

    private static final class Builder {
        final String name;
        final int line;
        final StringBuilder sql = new StringBuilder();
        final List<List<String>> parameterSets = new ArrayList<>();
        int weight = 1;
        int weightLine;

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        WorkloadStatement build(String source) {
            String text = sql.toString().strip();
            while (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            if (text.isEmpty()
                    || text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
                throw error(source, line, "statement " + name + " has no SQL");
            }
            List<SqlStatement> parts;
            try {
                parts = SqlStatements.split(text);
            } catch (SqlSyntaxException e) {
                throw error(source, line, "statement " + name + ": " + e.getMessage());
            }
            if (parts.size() > 1) {
                // The driver would send every part; a workload statement is measured, and guarded, as one.
                throw error(
                        source,
                        line,
                        "statement " + name + " holds more than one statement; the second starts with '"
                                + parts.get(1).firstLine() + "'. Give each its own -- name: line");
            }
            int markers = countMarkers(text);
            for (List<String> set : parameterSets) {
                if (set.size() != markers) {
                    throw error(
                            source,
                            line,
                            "statement " + name + " has " + markers + " ? markers but a -- params:" + " line gives "
                                    + set.size() + " values");
                }
            }
            if (markers > 0 && parameterSets.isEmpty()) {
                throw error(
                        source, line, "statement " + name + " has " + markers + " ? markers but no -- params: line");
            }
            return new WorkloadStatement(name, text, weight, parameterSets);
        }
    }

    /** Counts {@code ?} outside quotes and comments, as the JDBC driver will. */
    static int countMarkers(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? sql.length() : end;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '?') {
                if (i + 1 < sql.length()
                        && (sql.charAt(i + 1) == '|' || sql.charAt(i + 1) == '&' || sql.charAt(i + 1) == '?')) {
                    i++; // jsonb operators ?| ?& and the escaped ??
                } else {
                    count++;
                }
            }
        }
        return count;
    }
}
