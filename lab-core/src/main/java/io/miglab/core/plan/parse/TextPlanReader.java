package io.miglab.core.plan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanFormat;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.PlanParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads EXPLAIN (FORMAT TEXT) output into the same tree FORMAT JSON gives, under PostgreSQL's JSON field names.
 * Structure comes from indentation: a child starts with {@code ->} deeper than its parent's text; a property line
 * ({@code Key: value}) belongs to the nearest node whose text starts left of it; {@code InitPlan}, {@code SubPlan}
 * and {@code CTE} labels mark the subplan child under them; {@code Worker N:} lines hold per-worker figures. A
 * line that fits none of these is taken as the wrapped tail of the line before it.
 */
final class TextPlanReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUM = "-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?";
    private static final Pattern NUMBER = Pattern.compile(NUM);
    private static final Pattern COST =
            Pattern.compile("\\(cost=(" + NUM + ")\\.\\.(" + NUM + ") rows=(" + NUM + ") width=(" + NUM + ")\\)");
    private static final Pattern ACTUAL = Pattern.compile(
            "\\(actual(?: time=(" + NUM + ")\\.\\.(" + NUM + "))? rows=(" + NUM + ") loops=(" + NUM + ")\\)");
    private static final Pattern WORKER_ACTUAL =
            Pattern.compile("actual(?: time=(" + NUM + ")\\.\\.(" + NUM + "))? rows=(" + NUM + ") loops=(" + NUM + ")");
    private static final Pattern LABEL = Pattern.compile("^(InitPlan \\d+.*|SubPlan \\d+.*|CTE \\S.*)$");
    private static final Pattern WORKER = Pattern.compile("^Worker (\\d+):\\s*(.*)$");
    private static final Pattern SECTION = Pattern.compile("^([A-Z][A-Za-z /-]*):$");
    private static final Pattern PROPERTY = Pattern.compile("^([A-Z][A-Za-z0-9 /_()-]*?): (.*)$");
    private static final Pattern JOIN = Pattern.compile(
            "^(Nested Loop|Hash|Merge)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))?(?: Join)?$");
    private static final Pattern AGGREGATE = Pattern.compile("^(Hash|Group|Mixed)?Aggregate$");
    private static final Pattern SETOP = Pattern.compile("^(Hash)?SetOp (.+)$");
    private static final Pattern MODIFY = Pattern.compile("^(Insert|Update|Delete|Merge) on (.+)$");
    private static final Pattern INDEX_SCAN =
            Pattern.compile("^(Index Scan|Index Only Scan)( Backward)? using (\"(?:[^\"]|\"\")*\"|\\S+) on (.+)$");
    private static final Pattern ON = Pattern.compile("^(.+?) on (.+)$");
    private static final Set<String> RELATION_SCANS =
            Set.of("Seq Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan", "Sample Scan", "Foreign Scan");
    private static final Set<String> ALIAS_SCANS =
            Set.of("Subquery Scan", "Values Scan", "Table Function Scan", "Named Tuplestore Scan", "Result");
    private static final Set<String> MEMBER_PARENTS = Set.of("Append", "Merge Append", "BitmapAnd", "BitmapOr");
    private static final Set<String> KNOWN_ROOTS = Set.of(
            "Seq Scan",
            "Index Scan",
            "Index Only Scan",
            "Bitmap Heap Scan",
            "Nested Loop",
            "Hash Join",
            "Merge Join",
            "Hash",
            "Sort",
            "Incremental Sort",
            "Aggregate",
            "HashAggregate",
            "GroupAggregate",
            "MixedAggregate",
            "Limit",
            "Result",
            "Append",
            "Merge Append",
            "Gather",
            "Gather Merge",
            "Unique",
            "Insert",
            "Update",
            "Delete",
            "Merge",
            "WindowAgg",
            "LockRows",
            "Materialize",
            "Memoize",
            "Subquery Scan",
            "CTE Scan",
            "Function Scan",
            "Values Scan",
            "ProjectSet",
            "SetOp",
            "HashSetOp",
            "Recursive Union",
            "Group",
            "Tid Scan",
            "Foreign Scan",
            "Custom Scan",
            "Sample Scan",
            "Parallel",
            "Partial",
            "Finalize");

    private static final int MAX_DEPTH = 400;
    /** Lines auto_explain prints above the plan. */
    private static final Set<String> PREAMBLE = Set.of("Query Text", "Query Identifier", "Query Parameters");

    private final List<SourceLine> physical;
    private final ObjectNode summary = NODES.objectNode();
    private final Deque<Entry> stack = new ArrayDeque<>();
    private Builder root;
    private int base;

    private TextPlanReader(List<SourceLine> physical) {
        this.physical = physical;
    }

    static Plan read(List<SourceLine> lines) {
        return new TextPlanReader(lines).read();
    }

    private enum Kind {
        NODE,
        LABEL,
        WORKER,
        SECTION
    }

    /** Where properties at deeper indentation go, and what a child arrow below attaches to. */
    private record Entry(Kind kind, int column, Builder node, String label, ObjectNode target) {}

    private static final class Builder {
        final ObjectNode props = NODES.objectNode();
        final List<Builder> children = new ArrayList<>();
        final int line;

        Builder(int line) {
            this.line = line;
        }

        String type() {
            JsonNode t = props.get(PlanFields.NODE_TYPE);
            return t == null ? "" : t.asText();
        }
    }

    /** A line after wrapped continuations were joined back onto it. */
    private record Logical(String text, int indent, SourceLine source) {}

    private Plan read() {
        List<Logical> lines = join();
        if (lines.isEmpty()) {
            throw new PlanParseException(0, 0, "the plan is empty; expected EXPLAIN output in JSON or TEXT format");
        }
        base = lines.stream()
                .filter(l -> !(PROPERTY.matcher(l.text()).matches() && PREAMBLE.contains(propertyKey(l.text()))))
                .findFirst()
                .orElse(lines.get(0))
                .indent();
        for (Logical line : lines) {
            handle(line);
        }
        int[] ids = {1};
        PlanNode tree = build(root, ids);
        return new Plan(tree, summary, PlanFormat.TEXT);
    }

    private List<Logical> join() {
        List<Logical> out = new ArrayList<>();
        for (SourceLine line : physical) {
            String text = line.text();
            String trimmed = text.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int indent = indentOf(text);
            boolean afterPreamble = !out.isEmpty()
                    && PREAMBLE.contains(propertyKey(out.get(out.size() - 1).text()))
                    && looksLikeNode(trimmed);
            if (!out.isEmpty() && !afterPreamble && isContinuation(trimmed)) {
                Logical prev = out.remove(out.size() - 1);
                out.add(new Logical(prev.text() + " " + trimmed, prev.indent(), prev.source()));
                continue;
            }
            out.add(new Logical(trimmed, indent, line));
        }
        return out;
    }

    private static boolean isContinuation(String trimmed) {
        return !(trimmed.startsWith("->")
                || LABEL.matcher(trimmed).matches()
                || WORKER.matcher(trimmed).matches()
                || SECTION.matcher(trimmed).matches()
                || PROPERTY.matcher(trimmed).matches());
    }

    private static int indentOf(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private void handle(Logical line) {
        int column = line.indent() - base;
        String text = line.text();
        if (root == null) {
            Matcher header = PROPERTY.matcher(text);
            if (header.matches() && PREAMBLE.contains(header.group(1))) {
                // auto_explain writes the query above the plan
                summary.put(header.group(1), header.group(2).strip());
                return;
            }
            String desc = text.startsWith("->") ? text.substring(2).strip() : text;
            if (!looksLikeNode(desc)) {
                throw error(
                        line,
                        0,
                        "expected a plan node such as \"Seq Scan on t  (cost=0.00..35.50 rows=2550"
                                + " width=4)\", found \"" + shorten(text) + "\"");
            }
            root = node(line, desc, column + (text.length() - desc.length()));
            stack.push(new Entry(Kind.NODE, column, root, null, root.props));
            return;
        }
        if (text.startsWith("->")) {
            String desc = text.substring(2).strip();
            int textColumn = column + (text.length() - desc.length());
            if (desc.isEmpty()) {
                throw error(line, 3, "expected a node description after \"->\"");
            }
            while (!stack.isEmpty()
                    && (stack.peek().column() >= column
                            || stack.peek().kind() == Kind.WORKER
                            || stack.peek().kind() == Kind.SECTION)) {
                stack.pop();
            }
            if (stack.isEmpty()) {
                throw error(line, 1, "expected this node to be indented under a parent node");
            }
            if (stack.size() > MAX_DEPTH) {
                throw error(line, 1, "the plan is nested deeper than " + MAX_DEPTH + " levels");
            }
            Entry parent = stack.peek();
            Builder child = node(line, desc, textColumn);
            if (parent.kind() == Kind.LABEL) {
                child.props.put(
                        PlanFields.PARENT_RELATIONSHIP, parent.label().startsWith("SubPlan") ? "SubPlan" : "InitPlan");
                child.props.put(PlanFields.SUBPLAN_NAME, parent.label());
            }
            parent.node().children.add(child);
            stack.push(new Entry(Kind.NODE, textColumn, child, null, child.props));
            return;
        }
        Matcher label = LABEL.matcher(text);
        if (label.matches()) {
            Entry owner = popTo(column, line, "an InitPlan, SubPlan or CTE label");
            stack.push(new Entry(Kind.LABEL, column, owner.node(), text, owner.node().props));
            return;
        }
        Matcher worker = WORKER.matcher(text);
        if (worker.matches()) {
            Entry owner = popTo(column, line, "a Worker line");
            ArrayNode workers = owner.node().props.withArray(PlanFields.WORKERS);
            ObjectNode w = NODES.objectNode();
            w.put("Worker Number", (long) number(worker.group(1), line, column + 8));
            workers.add(w);
            String rest = worker.group(2);
            int restColumn = column + text.length() - rest.length();
            Matcher actual = WORKER_ACTUAL.matcher(rest);
            if (actual.matches()) {
                putActuals(w, actual, line, restColumn);
            } else if (!rest.isEmpty()) {
                property(w, owner.node().type(), rest, line, restColumn);
            }
            stack.push(new Entry(Kind.WORKER, column, owner.node(), null, w));
            return;
        }
        Matcher section = SECTION.matcher(text);
        if (section.matches()) {
            ObjectNode target = targetFor(column);
            ObjectNode inner = target.putObject(section.group(1));
            stack.push(new Entry(
                    Kind.SECTION, column, stack.isEmpty() ? null : stack.peek().node(), null, inner));
            return;
        }
        // Everything else is a property line (join() only keeps lines that look like one).
        ObjectNode target = targetFor(column);
        Builder owner = stack.isEmpty() ? null : stack.peek().node();
        property(target, owner == null ? "" : owner.type(), text, line, column);
    }

    private ObjectNode targetFor(int column) {
        while (!stack.isEmpty() && stack.peek().column() >= column) {
            stack.pop();
        }
        while (!stack.isEmpty() && stack.peek().kind() == Kind.LABEL) {
            stack.pop();
        }
        return stack.isEmpty() ? summary : stack.peek().target();
    }

    private Entry popTo(int column, Logical line, String what) {
        while (!stack.isEmpty()
                && (stack.peek().column() >= column || stack.peek().kind() != Kind.NODE)) {
            stack.pop();
        }
        if (stack.isEmpty()) {
            throw error(line, 1, "expected " + what + " to be indented under a plan node");
        }
        return stack.peek();
    }

    private static String propertyKey(String text) {
        Matcher m = PROPERTY.matcher(text);
        return m.matches() ? m.group(1) : "";
    }

    private static boolean looksLikeNode(String desc) {
        if (desc.contains("(cost=") || desc.contains("(actual") || desc.contains("(never executed)")) {
            return true;
        }
        for (String known : KNOWN_ROOTS) {
            if (desc.equals(known) || desc.startsWith(known + " ")) {
                return true;
            }
        }
        return false;
    }

    // ---- node lines ----------------------------------------------------------------------------------------------

    private Builder node(Logical line, String text, int textColumn) {
        Builder b = new Builder(line.source().number());
        int cut = firstOf(text, " (cost=", " (actual", " (never executed)", "(cost=", "(actual");
        String desc = (cut < 0 ? text : text.substring(0, cut)).strip();
        String stats = cut < 0 ? "" : text.substring(cut).strip();
        if (desc.isEmpty()) {
            throw error(line, textColumn + 1, "expected a node description before the figures in parentheses");
        }
        describe(b.props, desc);
        int statsColumn = textColumn + (cut < 0 ? text.length() : text.indexOf(stats, cut)) + 1;
        parseStats(b.props, stats, line, statsColumn);
        return b;
    }

    private static int firstOf(String text, String... needles) {
        int best = -1;
        for (String n : needles) {
            int i = text.indexOf(n);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private void parseStats(ObjectNode props, String stats, Logical line, int column) {
        String rest = stats;
        int consumed = 0;
        while (!rest.isEmpty()) {
            Matcher cost = COST.matcher(rest);
            Matcher actual = ACTUAL.matcher(rest);
            if (rest.startsWith("(cost=")) {
                if (!cost.lookingAt()) {
                    throw error(line, column + consumed, "expected \"(cost=STARTUP..TOTAL rows=N width=N)\"");
                }
                props.put(PlanFields.STARTUP_COST, number(cost.group(1), line, column + consumed));
                props.put(PlanFields.TOTAL_COST, number(cost.group(2), line, column + consumed));
                props.put(PlanFields.PLAN_ROWS, number(cost.group(3), line, column + consumed));
                props.put(PlanFields.PLAN_WIDTH, number(cost.group(4), line, column + consumed));
                consumed += cost.end();
                rest = rest.substring(cost.end());
            } else if (rest.startsWith("(actual")) {
                if (!actual.lookingAt()) {
                    throw error(
                            line,
                            column + consumed,
                            "expected \"(actual time=STARTUP..TOTAL rows=N loops=N)\" or \"(actual rows=N loops=N)\"");
                }
                putActuals(props, actual, line, column + consumed);
                consumed += actual.end();
                rest = rest.substring(actual.end());
            } else if (rest.startsWith("(never executed)")) {
                props.put(PlanFields.ACTUAL_STARTUP_TIME, 0.0);
                props.put(PlanFields.ACTUAL_TOTAL_TIME, 0.0);
                props.put(PlanFields.ACTUAL_ROWS, 0);
                props.put(PlanFields.ACTUAL_LOOPS, 0);
                consumed += "(never executed)".length();
                rest = rest.substring("(never executed)".length());
            } else {
                throw error(
                        line,
                        column + consumed,
                        "expected \"(cost=...)\", \"(actual ...)\" or \"(never executed)\", found \"" + shorten(rest)
                                + "\"");
            }
            int before = rest.length();
            rest = rest.stripLeading();
            consumed += before - rest.length();
        }
    }

    private void putActuals(ObjectNode target, Matcher m, Logical line, int column) {
        if (m.group(1) != null) {
            target.put(PlanFields.ACTUAL_STARTUP_TIME, number(m.group(1), line, column));
            target.put(PlanFields.ACTUAL_TOTAL_TIME, number(m.group(2), line, column));
        }
        target.put(PlanFields.ACTUAL_ROWS, number(m.group(3), line, column));
        target.put(PlanFields.ACTUAL_LOOPS, number(m.group(4), line, column));
    }

    /** Splits "Parallel Index Scan Backward using idx on public.t x" into PostgreSQL's JSON fields. */
    private static void describe(ObjectNode props, String text) {
        String d = text;
        boolean again = true;
        while (again) {
            again = false;
            if (d.startsWith("Parallel ")) {
                props.put(PlanFields.PARALLEL_AWARE, true);
                d = d.substring("Parallel ".length());
                again = true;
            } else if (d.startsWith("Async ")) {
                props.put("Async Capable", true);
                d = d.substring("Async ".length());
                again = true;
            } else if (d.startsWith("Partial ")) {
                props.put(PlanFields.PARTIAL_MODE, "Partial");
                d = d.substring("Partial ".length());
                again = true;
            } else if (d.startsWith("Finalize ")) {
                props.put(PlanFields.PARTIAL_MODE, "Finalize");
                d = d.substring("Finalize ".length());
                again = true;
            }
        }
        Matcher m;
        if ((m = JOIN.matcher(d)).matches() && (d.endsWith("Join") || d.startsWith("Nested Loop"))) {
            props.put(PlanFields.NODE_TYPE, m.group(1).equals("Nested Loop") ? "Nested Loop" : m.group(1) + " Join");
            props.put(PlanFields.JOIN_TYPE, m.group(2) == null ? "Inner" : m.group(2));
        } else if ((m = AGGREGATE.matcher(d)).matches()) {
            props.put(PlanFields.NODE_TYPE, "Aggregate");
            String s = m.group(1);
            props.put(
                    PlanFields.STRATEGY,
                    s == null ? "Plain" : s.equals("Hash") ? "Hashed" : s.equals("Group") ? "Sorted" : "Mixed");
        } else if ((m = SETOP.matcher(d)).matches()) {
            props.put(PlanFields.NODE_TYPE, "SetOp");
            props.put(PlanFields.STRATEGY, m.group(1) == null ? "Sorted" : "Hashed");
            props.put("Command", m.group(2));
        } else if ((m = MODIFY.matcher(d)).matches()) {
            props.put(PlanFields.NODE_TYPE, "ModifyTable");
            props.put(PlanFields.OPERATION, m.group(1));
            relation(props, m.group(2), PlanFields.RELATION_NAME);
        } else if ((m = INDEX_SCAN.matcher(d)).matches()) {
            props.put(PlanFields.NODE_TYPE, m.group(1));
            props.put(PlanFields.SCAN_DIRECTION, m.group(2) == null ? "Forward" : "Backward");
            props.put(PlanFields.INDEX_NAME, unquote(m.group(3)));
            relation(props, m.group(4), PlanFields.RELATION_NAME);
        } else if ((m = ON.matcher(d)).matches()) {
            String type = m.group(1);
            String target = m.group(2);
            props.put(PlanFields.NODE_TYPE, type);
            if (type.equals("Bitmap Index Scan")) {
                props.put(PlanFields.INDEX_NAME, unquote(target.strip()));
            } else if (type.equals("CTE Scan") || type.equals("WorkTable Scan")) {
                relation(props, target, PlanFields.CTE_NAME);
            } else if (type.equals("Function Scan")) {
                relation(props, target, PlanFields.FUNCTION_NAME);
            } else if (ALIAS_SCANS.contains(type)) {
                props.put(PlanFields.ALIAS, unquote(target.strip()));
            } else if (RELATION_SCANS.contains(type) || type.endsWith("Scan")) {
                relation(props, target, PlanFields.RELATION_NAME);
            } else {
                props.put(PlanFields.NODE_TYPE, d);
            }
        } else {
            props.put(PlanFields.NODE_TYPE, d);
        }
    }

    /** "public.film f" -> Schema public, name film, Alias f; the alias defaults to the name, as in JSON. */
    private static void relation(ObjectNode props, String text, String nameField) {
        List<String> words = words(text.strip());
        String qualified = words.isEmpty() ? text.strip() : words.get(0);
        String name = qualified;
        int dot = dotOutsideQuotes(qualified);
        if (dot > 0 && nameField.equals(PlanFields.RELATION_NAME)) {
            props.put(PlanFields.SCHEMA, unquote(qualified.substring(0, dot)));
            name = qualified.substring(dot + 1);
        }
        props.put(nameField, unquote(name));
        props.put(PlanFields.ALIAS, unquote(words.size() > 1 ? words.get(1) : name));
    }

    private static int dotOutsideQuotes(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ' ' && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }

    // ---- property lines ------------------------------------------------------------------------------------------

    private void property(ObjectNode target, String nodeType, String text, Logical line, int column) {
        Matcher m = PROPERTY.matcher(text);
        if (!m.matches()) {
            throw error(line, column + 1, "expected \"Key: value\", found \"" + shorten(text) + "\"");
        }
        String key = m.group(1);
        String value = m.group(2).strip();
        int valueColumn = column + m.start(2) + 1;
        switch (key) {
            case "Planning Time", "Execution Time" -> target.put(
                    key, number(stripUnit(value, "ms"), line, valueColumn));
            case "Workers Planned",
                    "Workers Launched",
                    "Rows Removed by Filter",
                    "Rows Removed by Join Filter",
                    "Rows Removed by Index Recheck",
                    "Heap Fetches" -> target.put(key, number(value, line, valueColumn));
            case "Sort Method", "Buckets", "Batches", "Memory Usage" -> segments(
                    target, nodeType, key + ": " + value, line, column);
            case "Buffers" -> counters(target, value, line, valueColumn, "Blocks");
            case "I/O Timings" -> counters(target, value, line, valueColumn, "Time");
            case "WAL" -> wal(target, value, line, valueColumn);
            case "Heap Blocks" -> {
                for (String part : value.split("\\s+")) {
                    String[] kv = part.split("=", 2);
                    if (kv.length == 2) {
                        String name =
                                kv[0].isEmpty() ? kv[0] : Character.toUpperCase(kv[0].charAt(0)) + kv[0].substring(1);
                        target.put(name + " Heap Blocks", number(kv[1], line, valueColumn));
                    }
                }
            }
            case "Sort Key", "Group Key", "Presorted Key", "Output", "Hash Key" -> {
                ArrayNode list = target.putArray(key);
                for (String item : splitTopLevel(value)) {
                    list.add(item);
                }
            }
            case "Settings" -> {
                ObjectNode settings = target.putObject(PlanFields.SETTINGS);
                for (String item : splitTopLevel(value)) {
                    int eq = item.indexOf(" = ");
                    if (eq > 0) {
                        settings.put(
                                item.substring(0, eq).strip(),
                                unquoteSingle(item.substring(eq + 3).strip()));
                    } else {
                        settings.put(item.strip(), "");
                    }
                }
            }
            default -> {
                if (key.startsWith("Trigger ") && target == summary) {
                    ObjectNode trigger = summary.withArray(PlanFields.TRIGGERS).addObject();
                    trigger.put("Trigger Name", key.substring("Trigger ".length()));
                    for (String part : value.split("\\s+")) {
                        String[] kv = part.split("=", 2);
                        if (kv.length == 2 && NUMBER.matcher(kv[1]).matches()) {
                            trigger.put(kv[0].equals("time") ? "Time" : "Calls", Double.parseDouble(kv[1]));
                        }
                    }
                } else if (NUMBER.matcher(value).matches()) {
                    target.put(key, Double.parseDouble(value));
                } else {
                    target.put(key, value);
                }
            }
        }
    }

    /** Lines such as "Buckets: 1024 (originally 512)  Batches: 4 (originally 1)  Memory Usage: 4097kB". */
    private void segments(ObjectNode target, String nodeType, String text, Logical line, int column) {
        for (String segment : text.split("\\s{2,}")) {
            int colon = segment.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = segment.substring(0, colon).strip();
            String value = segment.substring(colon + 2).strip();
            String original = null;
            int paren = value.indexOf(" (originally ");
            if (paren > 0 && value.endsWith(")")) {
                original = value.substring(paren + " (originally ".length(), value.length() - 1);
                value = value.substring(0, paren);
            }
            switch (key) {
                case "Sort Method" -> target.put(PlanFields.SORT_METHOD, value);
                case "Memory", "Disk" -> {
                    target.put(PlanFields.SORT_SPACE_USED, number(stripUnit(value, "kB"), line, column));
                    target.put(PlanFields.SORT_SPACE_TYPE, key);
                }
                case "Buckets" -> {
                    target.put(PlanFields.HASH_BUCKETS, number(value, line, column));
                    if (original != null) {
                        target.put(PlanFields.ORIGINAL_HASH_BUCKETS, number(original, line, column));
                    }
                }
                case "Batches" -> {
                    if ("Hash".equals(nodeType)) {
                        target.put(PlanFields.HASH_BATCHES, number(value, line, column));
                        if (original != null) {
                            target.put(PlanFields.ORIGINAL_HASH_BATCHES, number(original, line, column));
                        }
                    } else {
                        target.put("HashAgg Batches", number(value, line, column));
                    }
                }
                case "Memory Usage" -> target.put(
                        PlanFields.PEAK_MEMORY_USAGE, number(stripUnit(value, "kB"), line, column));
                case "Disk Usage" -> target.put(PlanFields.DISK_USAGE, number(stripUnit(value, "kB"), line, column));
                default -> target.put(key, value);
            }
        }
    }

    /**
     * "shared hit=1 read=2, temp read=3 written=4" for Buffers, and the I/O Timings spellings of PostgreSQL up to 15
     * ("read=1.2 write=0.3", "shared/local read=...") and from 16 ("shared read=...", "local ...", "temp ...").
     */
    private void counters(ObjectNode target, String value, Logical line, int column, String suffix) {
        for (String group : value.split(",")) {
            String g = group.strip();
            String scope = "";
            int firstEq = g.indexOf('=');
            int firstSpace = g.indexOf(' ');
            if (firstSpace > 0 && (firstEq < 0 || firstSpace < firstEq)) {
                scope = g.substring(0, firstSpace);
                g = g.substring(firstSpace + 1).strip();
            }
            for (String part : g.split("\\s+")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || kv[0].isEmpty()) {
                    throw error(line, column, "expected \"name=value\" pairs, found \"" + shorten(part) + "\"");
                }
                String what = Character.toUpperCase(kv[0].charAt(0)) + kv[0].substring(1);
                String name;
                if (suffix.equals("Blocks")) {
                    String s = scope.isEmpty() ? "Shared" : Character.toUpperCase(scope.charAt(0)) + scope.substring(1);
                    name = s + " " + what + " Blocks";
                } else {
                    String prefix =
                            switch (scope) {
                                case "", "shared/local" -> "";
                                case "shared" -> "Shared ";
                                case "local" -> "Local ";
                                case "temp" -> "Temp ";
                                default -> scope + " ";
                            };
                    name = prefix + "I/O " + what + " Time";
                }
                target.put(name, number(kv[1], line, column));
            }
        }
    }

    private void wal(ObjectNode target, String value, Logical line, int column) {
        for (String part : value.split("\\s+")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                String name =
                        switch (kv[0]) {
                            case "records" -> "WAL Records";
                            case "fpi" -> "WAL FPI";
                            case "bytes" -> "WAL Bytes";
                            default -> "WAL " + kv[0];
                        };
                target.put(name, number(kv[1], line, column));
            }
        }
    }

    private static List<String> splitTopLevel(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0 && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String unquoteSingle(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    private static String stripUnit(String value, String unit) {
        String v = value.strip();
        return v.endsWith(unit) ? v.substring(0, v.length() - unit.length()).strip() : v;
    }

    private double number(String text, Logical line, int column) {
        if (!NUMBER.matcher(text).matches()) {
            throw error(line, column, "expected a number, found \"" + shorten(text) + "\"");
        }
        return Double.parseDouble(text);
    }

    // ---- building ------------------------------------------------------------------------------------------------

    private PlanNode build(Builder b, int[] ids) {
        int id = ids[0]++;
        int plain = 0;
        for (Builder child : b.children) {
            if (!child.props.has(PlanFields.PARENT_RELATIONSHIP)) {
                String rel;
                if (MEMBER_PARENTS.contains(b.type())) {
                    rel = "Member";
                } else if (b.type().equals("Subquery Scan")) {
                    rel = "Subquery";
                } else {
                    rel = plain == 0 ? "Outer" : "Inner";
                }
                plain++;
                child.props.put(PlanFields.PARENT_RELATIONSHIP, rel);
            }
        }
        List<PlanNode> children = new ArrayList<>();
        for (Builder child : b.children) {
            children.add(build(child, ids));
        }
        return new PlanNode(id, normalise(b.props), children);
    }

    /** Whole numbers as integers, as PostgreSQL's JSON writes counts, so both formats compare equal. */
    private static ObjectNode normalise(ObjectNode props) {
        ObjectNode out = NODES.objectNode();
        props.properties().forEach(e -> out.set(e.getKey(), normaliseValue(e.getValue())));
        return out;
    }

    private static JsonNode normaliseValue(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return NODES.numberNode(v.asInt());
        }
        if (v.isDouble() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e15) {
            double d = v.asDouble();
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE
                    ? NODES.numberNode((int) d)
                    : NODES.numberNode((long) d);
        }
        if (v.isObject()) {
            return normalise((ObjectNode) v);
        }
        if (v.isArray()) {
            ArrayNode a = NODES.arrayNode();
            v.forEach(x -> a.add(normaliseValue(x)));
            return a;
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private PlanParseException error(Logical line, int column, String problem) {
        SourceLine src = line.source();
        int col = column <= 0 ? 0 : column + src.columnOffset() + base;
        return new PlanParseException(src.number(), col, problem);
    }
}
