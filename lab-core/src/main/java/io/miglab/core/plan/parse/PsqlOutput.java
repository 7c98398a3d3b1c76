package io.miglab.core.plan.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what psql wraps around a query result so the plan itself remains: the {@code QUERY PLAN} header and its
 * dashes, the {@code (N rows)} footer, frames of {@code \pset border 2}, the expanded-mode record header, and the
 * {@code +} marks psql puts at the end of each line of a multi-line value (FORMAT JSON comes back as one value).
 */
final class PsqlOutput {
    private static final Pattern FOOTER = Pattern.compile("^\\(\\d+ rows?\\)$");
    private static final Pattern RULE = Pattern.compile("^[-+=|]*-[-+=|]*$");
    private static final Pattern HEADER = Pattern.compile("^\\|? *QUERY PLAN *\\|?$");
    private static final Pattern RECORD = Pattern.compile("^-\\[ RECORD \\d+ \\].*$");
    private static final Pattern PSET_MESSAGE = Pattern.compile(
            "^(Border style is|Output format is|Target width is|Expanded display is|Line style is|Pager usage is)"
                    + " .*$");
    private static final Pattern EXPANDED_FIRST = Pattern.compile("^(\\s*QUERY PLAN\\s*\\|\\s?)(.*)$");

    private PsqlOutput() {}

    static List<SourceLine> clean(String input) {
        String[] raw = input.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<SourceLine> lines = new ArrayList<>();
        int expandedPrefix = -1;
        for (int i = 0; i < raw.length; i++) {
            String text = raw[i];
            if (i == 0 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            int offset = 0;
            if (text.isBlank()
                    || HEADER.matcher(text).matches()
                    || FOOTER.matcher(text).matches()
                    || RECORD.matcher(text).matches()
                    || PSET_MESSAGE.matcher(text).matches()) {
                continue;
            }
            if (RULE.matcher(text).matches() && lines.isEmpty()) {
                continue;
            }
            var expanded = EXPANDED_FIRST.matcher(text);
            if (expanded.matches()) {
                expandedPrefix = expanded.group(1).length();
                offset = expandedPrefix;
                text = expanded.group(2);
            } else if (expandedPrefix > 0
                    && text.length() >= expandedPrefix
                    && text.substring(0, expandedPrefix).trim().equals("|")) {
                offset = expandedPrefix;
                text = text.substring(expandedPrefix);
            }
            String stripped = text.stripTrailing();
            if (stripped.startsWith("|") && stripped.endsWith("|") && stripped.length() >= 2) {
                // \pset border 2: "| content |"
                offset += 1;
                text = stripped.substring(1, stripped.length() - 1);
                if (text.startsWith(" ")) {
                    text = text.substring(1);
                    offset++;
                }
            }
            lines.add(new SourceLine(text, i + 1, offset));
        }
        // A trailing rule after the content (border 2 bottom frame).
        while (!lines.isEmpty()
                && RULE.matcher(lines.get(lines.size() - 1).text()).matches()) {
            lines.remove(lines.size() - 1);
        }
        return joinWrapped(stripContinuationMarks(lines));
    }

    /**
     * psql's {@code \pset format wrapped} cuts long lines, ending the piece with "." and starting the rest with
     * ".": glue them back.
     */
    private static List<SourceLine> joinWrapped(List<SourceLine> lines) {
        List<SourceLine> out = new ArrayList<>(lines.size());
        for (SourceLine line : lines) {
            if (!out.isEmpty()) {
                SourceLine prev = out.get(out.size() - 1);
                String p = prev.text().stripTrailing();
                if (p.endsWith(".") && line.text().startsWith(".")) {
                    out.set(
                            out.size() - 1,
                            new SourceLine(
                                    p.substring(0, p.length() - 1) + line.text().substring(1),
                                    prev.number(),
                                    prev.columnOffset()));
                    continue;
                }
            }
            out.add(line);
        }
        return out;
    }

    /** Drops psql's "+" line-continuation marks when every line but the last carries one. */
    private static List<SourceLine> stripContinuationMarks(List<SourceLine> lines) {
        if (lines.size() < 2) {
            return lines;
        }
        for (int i = 0; i < lines.size() - 1; i++) {
            if (!lines.get(i).text().stripTrailing().endsWith("+")) {
                return lines;
            }
        }
        List<SourceLine> out = new ArrayList<>(lines.size());
        for (SourceLine line : lines) {
            String t = line.text().stripTrailing();
            if (t.endsWith("+")) {
                t = t.substring(0, t.length() - 1).stripTrailing();
            }
            out.add(new SourceLine(t, line.number(), line.columnOffset()));
        }
        return out;
    }
}
