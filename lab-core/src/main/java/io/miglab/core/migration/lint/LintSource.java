package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;
import io.miglab.core.script.ScriptStatements;
import io.miglab.core.sql.SqlLexer;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.SqlToken.Kind;
import io.miglab.core.units.Sizes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script cut into the {@link Unit}s the rules check: its statements as the script runner cuts them
 * ({@link ScriptStatements}), each tokenised by {@link SqlLexer}, and the statements inside plpgsql bodies ({@code DO
 * $$ ... $$}, {@code CREATE FUNCTION ... AS $$ ... $$}) cut too, with every token's offset in the file so that
 * findings inside a body name the file's own line and column.
 */
final class LintSource {
    private static final Pattern DIRECTIVE =
            Pattern.compile("(?:--|/\\*)\\s*miglab-lint:\\s*(disable-file|disable)\\s+([a-z0-9,\\s-]+)");
    /** The lint holds the script in memory; a migration script with data blocks larger than this is a dump. */
    static final long MAX_BYTES = 64 * Sizes.MB;

    private static final Set<String> BODY_LANGUAGES = Set.of("plpgsql", "sql");

    private final String label;
    private final String text;
    private final int[] lineStarts;
    private final List<Unit> units = new ArrayList<>();
    private final Set<LintRule> fileSuppressed = EnumSet.noneOf(LintRule.class);

    private LintSource(String label, String text) {
        this.label = label;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads and cuts {@code file}; {@code label} is how findings name it. */
    static LintSource read(Path file, String label) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new MigLabException("The script " + file + " is " + Sizes.format(Files.size(file)) + ", over the "
                        + Sizes.format(MAX_BYTES) + " the lint reads; lint the migration without its data.");
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot read the script " + file + ": " + e.getMessage(), e);
        }
        List<ScriptStatements.Statement> statements = ScriptStatements.read(file);
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new MigLabException("Cannot read the script " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = " " + text.substring(1); // keep offsets: the mark becomes a blank
        }
        LintSource source = new LintSource(label, text);
        source.cut(statements);
        return source;
    }

    List<Unit> units() {
        return units;
    }

    Set<LintRule> fileSuppressed() {
        return fileSuppressed;
    }

    String label() {
        return label;
    }

    /** 1-based line of a file offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of a file offset. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The file's text from {@code from} to {@code to}, as written. */
    String slice(int from, int to) {
        return text.substring(from, to);
    }

    private void cut(List<ScriptStatements.Statement> statements) {
        int cursor = 0;
        for (ScriptStatements.Statement written : statements) {
            // A byte-order mark reaches the runner as part of the first statement; here it is a blank.
            ScriptStatements.Statement statement = written.text().startsWith("\uFEFF")
                    ? new ScriptStatements.Statement(written.text().substring(1).strip(), written.line())
                    : written;
            if (statement.text().isEmpty()) {
                continue;
            }
            int lineStart = lineStarts[Math.min(statement.line(), lineStarts.length) - 1];
            int at = text.indexOf(statement.text(), Math.max(cursor, lineStart));
            boolean verbatim = at >= 0 && line(at) == statement.line();
            if (!verbatim) {
                // A meta-command inside the statement: the runner's text is not the file's. Map by its first line.
                String firstLine = statement.text().lines().findFirst().orElse("");
                at = text.indexOf(firstLine, Math.max(cursor, lineStart));
                if (at < 0) {
                    at = lineStart;
                }
            }
            Set<LintRule> suppressed = directives(cursor, at);
            List<Tok> tokens;
            try {
                tokens = Tok.of(SqlLexer.tokenize(statement.text()), at);
            } catch (SqlSyntaxException e) {
                throw syntax(e, statement.line() + e.line() - 1);
            }
            cursor = verbatim ? at + statement.text().length() : at + firstLineLength(statement.text());
            if (tokens.isEmpty()) {
                continue;
            }
            java.util.Optional<List<Tok>> atomic = atomicBody(tokens);
            // The routine's header alone: its SQL-standard body is checked statement by statement below.
            List<Tok> header = atomic.map(body -> tokens.subList(0, tokens.indexOf(body.get(0)) - 2))
                    .orElse(tokens);
            units.add(new Unit(header, 0, Set.of(), Set.of(), false, suppressed, true));
            body(tokens).ifPresent(body -> new BodySplitter(bodyTokens(body), suppressed).run());
            atomic.ifPresent(body -> new BodySplitter(body, suppressed).run());
        }
    }

    private static int firstLineLength(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s.length() : nl;
    }

    private MigLabException syntax(SqlSyntaxException e, int line) {
        String problem = e.getMessage().replaceFirst(" starting at line \\d+$", "");
        return new MigLabException(label + ":" + line + ": " + problem + ".");
    }

    /** Rules turned off by directive comments in {@code [from, to)}; {@code disable-file} ones go file-wide. */
    private Set<LintRule> directives(int from, int to) {
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        if (to <= from) {
            return rules;
        }
        Matcher m = DIRECTIVE.matcher(text.substring(from, to));
        while (m.find()) {
            String where = label + ":" + line(from + m.start());
            for (String id : m.group(2).split("[,\\s]+")) {
                if (id.isBlank()) {
                    continue;
                }
                LintRule rule = LintRule.byId(id.strip(), where);
                (m.group(1).equals("disable-file") ? fileSuppressed : rules).add(rule);
            }
        }
        return rules;
    }

    /** The tokens of a dollar-quoted body, with their offsets in the file. */
    private List<Tok> bodyTokens(Tok body) {
        String tag = body.text().substring(0, body.text().indexOf('$', 1) + 1);
        int base = body.offset() + tag.length();
        try {
            return Tok.of(SqlLexer.tokenize(body.value()), base);
        } catch (SqlSyntaxException e) {
            throw syntax(e, line(base) + e.line() - 1);
        }
    }

    /**
     * The statements of a SQL-standard body (PostgreSQL 14's {@code CREATE FUNCTION ... BEGIN ATOMIC ... END}), which
     * are tokens of the CREATE statement itself rather than a string.
     */
    private static java.util.Optional<List<Tok>> atomicBody(List<Tok> t) {
        if (!t.get(0).is("create") || Toks.top(t, 1, Math.min(t.size(), 4), "function", "procedure") < 0) {
            return java.util.Optional.empty();
        }
        int begin = Toks.top(t, 1, t.size(), "begin");
        if (begin < 0 || begin + 1 >= t.size() || !t.get(begin + 1).is("atomic")) {
            return java.util.Optional.empty();
        }
        int end = t.size() - 1;
        if (end <= begin + 1 || !t.get(end).is("end")) {
            return java.util.Optional.empty();
        }
        return end > begin + 2 ? java.util.Optional.of(t.subList(begin + 2, end)) : java.util.Optional.empty();
    }

    /** The plpgsql or SQL body of a DO block or a CREATE FUNCTION/PROCEDURE, as one dollar-quoted token. */
    private static java.util.Optional<Tok> body(List<Tok> t) {
        boolean isDo = t.get(0).is("do");
        boolean routine = t.get(0).is("create") && (Toks.top(t, 1, Math.min(t.size(), 4), "function", "procedure") > 0);
        if (!isDo && !routine) {
            return java.util.Optional.empty();
        }
        int lang = Toks.top(t, 1, t.size(), "language");
        if (lang > 0 && lang + 1 < t.size()) {
            Tok l = t.get(lang + 1);
            String language = l.kind() == Kind.STRING ? l.value().toLowerCase(java.util.Locale.ROOT) : l.name();
            if (!BODY_LANGUAGES.contains(language)) {
                return java.util.Optional.empty();
            }
        }
        for (int i = 1; i < t.size(); i++) {
            Tok k = t.get(i);
            if (k.kind() == Kind.DOLLAR_STRING && (isDo || t.get(i - 1).is("as"))) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Cuts a plpgsql body into its statements at semicolons, peeling off the block structure in front of each
     * ({@code DECLARE}, {@code BEGIN}, {@code LOOP}, {@code FOR r IN query LOOP}, {@code IF ... THEN}, labels) and
     * counting the loops each statement runs in.
     */
    private final class BodySplitter {
        private enum Block {
            BLOCK,
            LOOP,
            IF,
            CASE
        }

        private final List<Tok> tokens;
        private final Set<LintRule> inherited;
        private final List<Block> stack = new ArrayList<>();
        private final List<Set<String>> loopVariables = new ArrayList<>();
        private final Set<String> variables = new HashSet<>();
        private boolean declaring;

        BodySplitter(List<Tok> tokens, Set<LintRule> inherited) {
            this.tokens = tokens;
            this.inherited = inherited;
            variables.add("found"); // plpgsql's own
        }

        void run() {
            int start = 0;
            int gap = tokens.isEmpty() ? 0 : tokens.get(0).offset();
            int depth = 0;
            for (int i = 0; i <= tokens.size(); i++) {
                boolean end = i == tokens.size();
                if (!end) {
                    Tok k = tokens.get(i);
                    if (k.punct('(') || k.punct('[')) {
                        depth++;
                    } else if (k.punct(')') || k.punct(']')) {
                        depth--;
                    }
                    if (!(k.punct(';') && depth == 0)) {
                        continue;
                    }
                }
                if (i > start) {
                    piece(start, i, gap);
                }
                if (!end) {
                    gap = tokens.get(i).end();
                }
                start = i + 1;
            }
        }

        private void piece(int from, int to, int gap) {
            int i = from;
            while (i < to) {
                Tok k = tokens.get(i);
                if (k.op("<<") && i + 2 < to && tokens.get(i + 2).op(">>")) {
                    i += 3;
                } else if (k.is("declare")) {
                    declaring = true;
                    i++;
                } else if (k.is("begin")) {
                    declaring = false;
                    stack.add(Block.BLOCK);
                    i++;
                } else if (k.is("loop")) {
                    push(Block.LOOP, Set.of());
                    i++;
                } else if (k.is("while")) {
                    int loop = Toks.top(tokens, i + 1, to, "loop");
                    if (loop < 0) {
                        break;
                    }
                    push(Block.LOOP, Set.of());
                    i = loop + 1;
                } else if (k.isAny("for", "foreach")) {
                    int in = Toks.top(tokens, i + 1, to, "in");
                    int loop = Toks.top(tokens, i + 1, to, "loop");
                    if (in < 0 || loop < in) {
                        break;
                    }
                    Set<String> names = new HashSet<>();
                    for (int v = i + 1; v < in; v++) {
                        if (tokens.get(v).isName()) {
                            names.add(tokens.get(v).name());
                        }
                    }
                    int query = in + 1;
                    if (query < loop && tokens.get(query).isAny("select", "with", "execute")) {
                        emit(query, loop, gap, true);
                    }
                    push(Block.LOOP, names);
                    i = loop + 1;
                } else if (k.isAny("if", "elsif", "elseif", "when")) {
                    if (k.is("if")) {
                        stack.add(Block.IF);
                    }
                    int then = Toks.top(tokens, i + 1, to, "then");
                    if (then < 0) {
                        break;
                    }
                    i = then + 1;
                } else if (k.is("case") && stack.size() > 0) {
                    stack.add(Block.CASE);
                    int when = Toks.top(tokens, i + 1, to, "when");
                    if (when < 0) {
                        break;
                    }
                    i = when;
                } else if (k.isAny("else", "exception")) {
                    i++;
                } else if (k.is("end")) {
                    Block closes = i + 1 < to && tokens.get(i + 1).is("loop")
                            ? Block.LOOP
                            : i + 1 < to && tokens.get(i + 1).is("if")
                                    ? Block.IF
                                    : i + 1 < to && tokens.get(i + 1).is("case") ? Block.CASE : Block.BLOCK;
                    pop(closes);
                    return;
                } else {
                    break;
                }
            }
            if (i >= to) {
                return;
            }
            if (declaring) {
                if (tokens.get(i).isName()) {
                    variables.add(tokens.get(i).name());
                }
                return;
            }
            emit(i, to, gap, false);
        }

        private void push(Block block, Set<String> names) {
            stack.add(block);
            loopVariables.add(names);
        }

        private void pop(Block block) {
            for (int j = stack.size() - 1; j >= 0; j--) {
                Block b = stack.remove(j);
                if (b == Block.LOOP) {
                    loopVariables.remove(loopVariables.size() - 1);
                }
                if (b == block) {
                    return;
                }
            }
        }

        private void emit(int from, int to, int gap, boolean header) {
            List<Tok> statement = tokens.subList(from, to);
            Set<LintRule> suppressed = EnumSet.noneOf(LintRule.class);
            suppressed.addAll(inherited);
            suppressed.addAll(directives(gap, statement.get(0).offset()));
            Set<String> loopNames = new HashSet<>();
            loopVariables.forEach(loopNames::addAll);
            Set<String> vars = new HashSet<>(variables);
            units.add(new Unit(statement, loopVariables.size(), loopNames, vars, header, suppressed, false));
        }
    }
}
