package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The epic in the Markdown layout spectryn reads, both ways. {@link #write} lays the model out; {@link #read} is a
 * line parser that knows headings, tables and checkboxes, forgives spacing, emoji or words for statuses, and
 * sections it does not model (they are skipped), and names the line and what it expected when the layout is wrong.
 * {@code read(write(epic))} equals {@code epic}.
 */
public final class EpicMarkdown {
    /** The emoji the writer puts before the epic's key; the reader accepts any or none. */
    static final String EPIC_EMOJI = "🚀";

    static final String SUMMARY = "Summary";
    static final String RISKS = "Risks and Mitigations";

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern KEYED = Pattern.compile("^(" + Story.ID.pattern() + "):\\s*(.*)$");
    private static final Pattern STORY = Pattern.compile("^(.*?)\\s*(" + Story.ID.pattern() + "):\\s*(.*)$");
    private static final Pattern PHASE = Pattern.compile("^(?i)phase\\s+(\\d+)\\s*(?:[:.\\-\\u2013\\u2014]\\s*(.*))?$");
    private static final Pattern RULE = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
    private static final Pattern CHECKBOX = Pattern.compile("^\\[([ xX])\\](?:\\s+(.*))?$");
    private static final Pattern EVIDENCE =
            Pattern.compile("^Experiment\\s+#(\\d+):\\s*(.*)\\(([^(),]+),\\s*([^(),]+)\\)$");
    private static final Pattern INLINE_FIELD = Pattern.compile("^\\*\\*([^*]+)\\*\\*:\\s*(.*?)\\s*$");
    private static final Pattern AS_A = Pattern.compile("^\\*\\*As an?\\*\\*\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern I_WANT = Pattern.compile("^\\*\\*I want\\*\\*\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SO_THAT = Pattern.compile("^\\*\\*So that\\*\\*\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    private EpicMarkdown() {}

    // ---------------------------------------------------------------- writing

    public static String write(Epic epic) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(EPIC_EMOJI).append(' ');
        if (epic.key() != null) {
            md.append(epic.key()).append(": ");
        }
        md.append(epic.title()).append("\n\n");
        if (!epic.summary().isEmpty()) {
            md.append("## ").append(SUMMARY).append("\n\n");
            md.append("| Field | Value |\n|-------|-------|\n");
            for (SummaryField f : epic.summary()) {
                row(md, "**" + cell(f.name()) + "**", cell(f.value()));
            }
            md.append('\n');
        }
        int n = 0;
        for (Phase phase : epic.phases()) {
            md.append("## Phase ").append(++n).append(": ").append(phase.name()).append("\n\n");
            for (Story story : phase.stories()) {
                story(md, story);
            }
        }
        if (!epic.risks().isEmpty()) {
            md.append("## ").append(RISKS).append("\n\n");
            md.append("| Risk | Impact | Mitigation |\n|------|--------|------------|\n");
            for (Risk r : epic.risks()) {
                row(md, cell(r.risk()), cell(r.impact()), cell(r.mitigation()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void story(StringBuilder md, Story s) {
        md.append("### ");
        if (!s.emoji().isEmpty()) {
            md.append(s.emoji()).append(' ');
        }
        md.append(s.id()).append(": ").append(s.title()).append("\n\n");
        md.append("| Field | Value |\n|-------|-------|\n");
        row(md, "**Story Points**", Integer.toString(s.points()));
        row(md, "**Priority**", s.priority().cell());
        row(md, "**Status**", s.status().cell());
        md.append("\n#### Description\n\n");
        md.append(("**As a** " + s.asA()).strip()).append('\n');
        md.append(("**I want** " + s.iWant()).strip()).append('\n');
        md.append(("**So that** " + s.soThat()).strip()).append("\n\n");
        if (!s.criteria().isEmpty()) {
            md.append("#### Acceptance Criteria\n\n");
            for (Criterion c : s.criteria()) {
                md.append("- [")
                        .append(c.checked() ? 'x' : ' ')
                        .append("] ")
                        .append(c.text())
                        .append('\n');
            }
            md.append('\n');
        }
        if (!s.subtasks().isEmpty()) {
            md.append("#### Subtasks\n\n");
            md.append("| # | Subtask | Description | SP | Status |\n");
            md.append("|---|---------|-------------|----|--------|\n");
            for (Subtask t : s.subtasks()) {
                row(
                        md,
                        Integer.toString(t.number()),
                        cell(t.name()),
                        cell(t.description()),
                        Integer.toString(t.points()),
                        t.status().cell());
            }
            md.append('\n');
        }
        if (!s.evidence().isEmpty()) {
            md.append(EpicEvidence.HEADING).append("\n\n");
            for (Evidence e : s.evidence()) {
                md.append("- ").append(e.text()).append('\n');
            }
            md.append('\n');
        }
        md.append("---\n\n");
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c).append(c.isEmpty() ? "" : " ").append('|');
        }
        md.append('\n');
    }

    /** A table cell's text: pipes and backslashes escaped, as GitHub-flavoured Markdown reads them back. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }

    // ---------------------------------------------------------------- reading

    private enum Section {
        NONE,
        SUMMARY,
        PHASE,
        RISKS,
        OTHER
    }

    private enum Part {
        META,
        DESCRIPTION,
        CRITERIA,
        SUBTASKS,
        EVIDENCE,
        OTHER
    }

    /** Reads an epic; malformed input fails with a message naming the line and what was expected there. */
    public static Epic read(String markdown) {
        return new Reader(markdown).read();
    }

    /** The lines of a text, without their line ends. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A heading's level and text, or null when the line is not an ATX heading. */
    static String[] heading(String line) {
        Matcher m = HEADING.matcher(line);
        return m.matches() ? new String[] {Integer.toString(m.group(1).length()), m.group(2)} : null;
    }

    /** The story id a {@code ###} heading names, or null. */
    static String storyId(String headingText) {
        Matcher m = STORY.matcher(headingText);
        return m.matches() ? m.group(2) : null;
    }

    static boolean isFence(String line) {
        String t = line.strip();
        return t.startsWith("```") || t.startsWith("~~~");
    }

    private static final class Reader {
        private final List<String> lines;
        private int index;

        private String key;
        private String title;
        private final List<SummaryField> summary = new ArrayList<>();
        private final List<Phase> phases = new ArrayList<>();
        private final List<Risk> risks = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        private Section section = Section.NONE;
        private String phaseName;
        private List<Story> phaseStories;
        private String pendingPhase;

        private StoryDraft story;
        private Part part;

        Reader(String markdown) {
            this.lines = lines(markdown);
        }

        Epic read() {
            boolean fenced = false;
            for (index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                if (isFence(line)) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                String[] h = EpicMarkdown.heading(line);
                if (h != null) {
                    onHeading(Integer.parseInt(h[0]), h[1]);
                } else if (line.strip().startsWith("|")) {
                    table();
                } else if (!line.isBlank() && !RULE.matcher(line).matches()) {
                    text(line.strip());
                }
            }
            if (title == null) {
                throw new MigLabException(
                        "line 1: expected the epic heading '# <emoji> KEY-1: Title'; the file has none.");
            }
            endPhase();
            try {
                return new Epic(key, title, summary, phases, risks);
            } catch (MigLabException e) {
                throw new MigLabException("In the epic: " + e.getMessage(), e);
            }
        }

        private String at() {
            return "line " + (index + 1);
        }

        private MigLabException problem(String expected) {
            return new MigLabException(at() + ": " + expected);
        }

        private void onHeading(int level, String text) {
            if (level == 1) {
                if (title != null) {
                    throw problem("expected one epic heading ('# ...') per file; this is a second one.");
                }
                String rest = stripEmoji(text);
                Matcher m = KEYED.matcher(rest);
                key = m.matches() ? m.group(1) : null;
                title = m.matches() ? m.group(2).strip() : rest;
                if (title.isEmpty()) {
                    throw problem("expected a title in the epic heading '# <emoji> KEY-1: Title'.");
                }
                return;
            }
            if (title == null) {
                throw problem("expected the epic heading '# <emoji> KEY-1: Title' before any other heading.");
            }
            if (level == 2) {
                endPhase();
                Matcher phase = PHASE.matcher(text);
                String lower = text.toLowerCase(Locale.ROOT);
                if (phase.matches()) {
                    section = Section.PHASE;
                    String name = phase.group(2);
                    phaseName = name == null || name.isBlank() ? "Phase " + phase.group(1) : name.strip();
                    phaseStories = new ArrayList<>();
                } else if (lower.contains("risk")) {
                    section = Section.RISKS;
                } else if (lower.contains("summary")) {
                    section = Section.SUMMARY;
                } else {
                    section = Section.OTHER;
                    pendingPhase = text.strip();
                }
                return;
            }
            if (level == 3) {
                endStory();
                Matcher m = STORY.matcher(text);
                if (!m.matches()) {
                    if (section == Section.PHASE) {
                        throw problem("expected a story heading '### <emoji> US-001: Title' in the phase " + phaseName
                                + ", found '### " + text + "'.");
                    }
                    return;
                }
                if (section == Section.SUMMARY || section == Section.RISKS) {
                    throw problem("expected the story " + m.group(2) + " under a '## Phase N: Name' heading, not"
                            + " in the " + (section == Section.RISKS ? "risks" : "summary") + ".");
                }
                if (section != Section.PHASE) {
                    // Stories under "## User Stories" (spectryn's own layout) or no section at all: one phase.
                    section = Section.PHASE;
                    phaseName = pendingPhase == null ? "User Stories" : pendingPhase;
                    phaseStories = new ArrayList<>();
                }
                String id = m.group(2);
                if (!ids.add(id)) {
                    throw problem("the story " + id + " appears a second time; expected each story id once.");
                }
                if (m.group(3).isBlank()) {
                    throw problem("expected a title after '" + id + ":' in the story heading.");
                }
                story = new StoryDraft(index, id, m.group(3).strip(), m.group(1).strip());
                part = Part.META;
                return;
            }
            if (level == 4 && story != null) {
                part = switch (text.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z ]", "")
                        .strip()) {
                    case "description", "user story" -> Part.DESCRIPTION;
                    case "acceptance criteria" -> Part.CRITERIA;
                    case "subtasks", "sub tasks", "subtask" -> Part.SUBTASKS;
                    case "evidence" -> Part.EVIDENCE;
                    default -> Part.OTHER;
                };
            }
        }

        private void text(String line) {
            if (story == null) {
                return;
            }
            if (part == Part.META) {
                // spectryn's inline form: **Status**: ✅ Done on a line of its own instead of a table row.
                Matcher inline = INLINE_FIELD.matcher(line);
                if (inline.matches()) {
                    field(inline.group(1), inline.group(2));
                }
                return;
            }
            if (part == Part.DESCRIPTION) {
                // Blockquoted (> **As a** ...) as spectryn's "User Story" section writes it, or plain.
                line = line.startsWith(">") ? line.substring(1).strip() : line;
                Matcher m;
                if ((m = AS_A.matcher(line)).matches()) {
                    story.asA = m.group(1);
                } else if ((m = I_WANT.matcher(line)).matches()) {
                    story.iWant = m.group(1);
                } else if ((m = SO_THAT.matcher(line)).matches()) {
                    story.soThat = m.group(1);
                }
                return;
            }
            Matcher item = LIST_ITEM.matcher(line);
            if (!item.matches()) {
                return;
            }
            if (part == Part.CRITERIA) {
                Matcher box = CHECKBOX.matcher(item.group(1));
                if (!box.matches() || box.group(2) == null || box.group(2).isBlank()) {
                    throw problem(
                            "expected an acceptance criterion '- [ ] text' or '- [x] text', found '" + line + "'.");
                }
                story.criteria.add(new Criterion(box.group(2), !box.group(1).isBlank()));
            } else if (part == Part.EVIDENCE) {
                Matcher e = EVIDENCE.matcher(item.group(1).strip());
                if (!e.matches()) {
                    throw problem(
                            "expected evidence as '- Experiment #N: title (kind, status)', found '" + line + "'.");
                }
                story.evidence.add(
                        build(() -> new Evidence(Long.parseLong(e.group(1)), e.group(2), e.group(3), e.group(4))));
            }
        }

        private void table() {
            int start = index;
            List<String> header = cells(lines.get(index));
            if (index + 1 >= lines.size()
                    || !SEPARATOR.matcher(lines.get(index + 1).strip()).matches()) {
                index++;
                throw problem("expected the table's separator row such as '|---|---|' under its header on line "
                        + (start + 1) + ".");
            }
            index++;
            List<List<String>> rows = new ArrayList<>();
            List<Integer> rowLines = new ArrayList<>();
            while (index + 1 < lines.size() && lines.get(index + 1).strip().startsWith("|")) {
                index++;
                List<String> row = cells(lines.get(index));
                if (row.size() != header.size()) {
                    throw problem("expected " + header.size() + " cells as in the table's header on line " + (start + 1)
                            + ", found " + row.size() + ".");
                }
                rows.add(row);
                rowLines.add(index);
            }
            int end = index;
            try {
                if (story != null && part == Part.META) {
                    metadata(rows, rowLines);
                } else if (story != null && part == Part.SUBTASKS) {
                    subtasks(start, header, rows, rowLines);
                } else if (story == null && (section == Section.SUMMARY || section == Section.NONE)) {
                    summary(start, header, rows, rowLines);
                } else if (story == null && section == Section.RISKS) {
                    risks(start, header, rows, rowLines);
                }
            } finally {
                index = end;
            }
        }

        private void metadata(List<List<String>> rows, List<Integer> rowLines) {
            for (int r = 0; r < rows.size(); r++) {
                index = rowLines.get(r);
                if (rows.get(r).size() < 2) {
                    throw problem("expected '| Field | Value |' rows in the metadata of " + story.id + ".");
                }
                field(unbold(rows.get(r).get(0)), rows.get(r).get(1));
            }
        }

        private void field(String name, String value) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "story points", "points", "sp", "estimate" -> story.points = number(value, "story points");
                case "priority" -> story.priority = Priority.parse(value, at());
                case "status" -> story.status = Status.parse(value, at());
                default -> {
                    // Other fields (labels, assignee, ...) are spectryn's business, not the lab's.
                }
            }
        }

        private void subtasks(int start, List<String> header, List<List<String>> rows, List<Integer> rowLines) {
            int number = column(header, "#", "no", "number");
            int name = column(header, "subtask", "task", "name", "title");
            int description = column(header, "description");
            int points = column(header, "sp", "points", "story points");
            int status = column(header, "status");
            if (name < 0) {
                index = start;
                throw problem(
                        "expected a Subtasks table with the columns | # | Subtask | Description | SP |" + " Status |.");
            }
            for (int r = 0; r < rows.size(); r++) {
                index = rowLines.get(r);
                List<String> row = rows.get(r);
                int n = number < 0 ? story.subtasks.size() + 1 : number(row.get(number), "subtask number");
                int sp = points < 0 || row.get(points).isEmpty() ? 0 : number(row.get(points), "story points");
                Status st = status < 0 ? Status.PLANNED : Status.parse(row.get(status), at());
                String d = description < 0 ? "" : row.get(description);
                story.subtasks.add(build(() -> new Subtask(n, row.get(name), d, sp, st)));
            }
        }

        private void summary(int start, List<String> header, List<List<String>> rows, List<Integer> rowLines) {
            if (header.size() != 2) {
                index = start;
                throw problem(
                        "expected the summary as a '| Field | Value |' table, found " + header.size() + " columns.");
            }
            for (int r = 0; r < rows.size(); r++) {
                index = rowLines.get(r);
                List<String> row = rows.get(r);
                summary.add(build(() -> new SummaryField(unbold(row.get(0)), row.get(1))));
            }
        }

        private void risks(int start, List<String> header, List<List<String>> rows, List<Integer> rowLines) {
            int risk = column(header, "risk");
            int impact = column(header, "impact", "severity", "likelihood");
            int mitigation = column(header, "mitigation", "mitigations");
            if (risk < 0) {
                index = start;
                throw problem("expected a risks table with the columns | Risk | Impact | Mitigation |.");
            }
            for (int r = 0; r < rows.size(); r++) {
                index = rowLines.get(r);
                List<String> row = rows.get(r);
                risks.add(build(() -> new Risk(
                        row.get(risk), impact < 0 ? "" : row.get(impact), mitigation < 0 ? "" : row.get(mitigation))));
            }
        }

        private int number(String text, String what) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw problem("expected a whole number of " + what + ", found '" + text + "'.");
            }
        }

        private <T> T build(java.util.function.Supplier<T> record) {
            try {
                return record.get();
            } catch (MigLabException e) {
                throw new MigLabException(at() + ": " + e.getMessage(), e);
            }
        }

        private void endStory() {
            if (story == null) {
                return;
            }
            StoryDraft s = story;
            story = null;
            int here = index;
            index = s.line;
            phaseStories.add(build(s::build));
            index = here;
        }

        private void endPhase() {
            endStory();
            if (section == Section.PHASE) {
                phases.add(new Phase(phaseName, phaseStories));
            }
            section = Section.OTHER;
            phaseName = null;
            phaseStories = null;
            pendingPhase = null;
        }
    }

    private static final class StoryDraft {
        final int line;
        final String id;
        final String title;
        final String emoji;
        int points;
        Priority priority = Priority.MEDIUM;
        Status status = Status.PLANNED;
        String asA = "";
        String iWant = "";
        String soThat = "";
        final List<Criterion> criteria = new ArrayList<>();
        final List<Subtask> subtasks = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();

        StoryDraft(int line, String id, String title, String emoji) {
            this.line = line;
            this.id = id;
            this.title = title;
            this.emoji = emoji;
        }

        Story build() {
            return new Story(
                    id, title, emoji, points, priority, status, asA, iWant, soThat, criteria, subtasks, evidence);
        }
    }

    /** The cells of a table row: split on unescaped pipes, {@code \|} and {@code \\} unescaped, each stripped. */
    static List<String> cells(String line) {
        String t = line.strip();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean endsWithPipe = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            endsWithPipe = false;
            if (c == '\\' && i + 1 < t.length() && (t.charAt(i + 1) == '|' || t.charAt(i + 1) == '\\')) {
                cell.append(t.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
                endsWithPipe = true;
            } else {
                cell.append(c);
            }
        }
        if (!endsWithPipe) {
            cells.add(cell.toString().strip());
        }
        if (t.startsWith("|") && !cells.isEmpty()) {
            cells.remove(0);
        }
        return cells;
    }

    private static int column(List<String> header, String... names) {
        for (int i = 0; i < header.size(); i++) {
            String h = unbold(header.get(i)).toLowerCase(Locale.ROOT);
            for (String n : names) {
                if (h.equals(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String unbold(String text) {
        String t = text.strip();
        return t.length() >= 4 && t.startsWith("**") && t.endsWith("**")
                ? t.substring(2, t.length() - 2).strip()
                : t;
    }

    /** The heading text without the emoji (and variation selectors, joiners) spectryn puts before the key. */
    static String stripEmoji(String text) {
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || isEmojiPart(cp)) {
                i += Character.charCount(cp);
            } else {
                break;
            }
        }
        return text.substring(i).strip();
    }

    private static boolean isEmojiPart(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
