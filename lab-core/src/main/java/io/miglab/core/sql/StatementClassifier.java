package io.miglab.core.sql;

import io.miglab.core.sql.SqlToken.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies one statement by what it would do when run, from its tokens alone. It errs on the side of caution: a
 * statement is {@link StatementEffect#READ} only when nothing in it can write, lock, signal or reach beyond the
 * session. An unquoted {@code update}, {@code delete} or {@code insert} anywhere in a query counts as a write even
 * when it is only a column name (quote the name to say so), and any call of a function with side effects counts
 * wherever it appears, inside subqueries, CTEs and EXPLAIN too.
 */
public final class StatementClassifier {
    private static final Set<String> DML = Set.of("insert", "update", "delete", "merge", "truncate");
    private static final Set<String> TRANSACTION =
            Set.of("begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release");
    private static final Set<String> SCHEMA = Set.of(
            "create", "drop", "grant", "revoke", "comment", "security", "refresh", "import", "reassign", "alter");
    private static final Set<String> SERVER = Set.of(
            "vacuum",
            "analyze",
            "analyse",
            "cluster",
            "reindex",
            "checkpoint",
            "load",
            "lock",
            "listen",
            "unlisten",
            "notify");
    private static final Set<String> OPAQUE =
            Set.of("do", "call", "execute", "prepare", "deallocate", "declare", "fetch", "move", "close");

    private StatementClassifier() {}

    /** Classifies every statement of {@code sql} and returns the first that is not a read, else the first read. */
    public static Classification classify(String sql) {
        List<SqlStatement> statements = SqlStatements.split(sql);
        Classification first = null;
        for (SqlStatement statement : statements) {
            Classification c = classify(statement);
            if (!c.reads()) {
                return c;
            }
            first = first == null ? c : first;
        }
        return first != null ? first : new Classification(StatementEffect.READ, "", "an empty statement does nothing");
    }

    public static Classification classify(SqlStatement statement) {
        return classify(statement.tokens());
    }

    static Classification classify(List<SqlToken> all) {
        for (SqlToken t : all) {
            if (t.kind() == Kind.BACKSLASH) {
                return new Classification(
                        StatementEffect.UNKNOWN, "\\", "a psql meta-command (a backslash) is not SQL the server runs");
            }
        }
        List<SqlToken> tokens = withoutLeadingParentheses(all);
        if (tokens.isEmpty()) {
            return new Classification(StatementEffect.READ, "", "an empty statement does nothing");
        }
        SqlToken head = tokens.get(0);
        if (head.kind() != Kind.WORD) {
            return new Classification(
                    StatementEffect.UNKNOWN,
                    head.text(),
                    "MigLab does not recognise a statement starting with " + head.text());
        }
        String word = head.value();
        String command = word.toUpperCase(Locale.ROOT);
        switch (word) {
            case "select", "values", "table", "with" -> {
                return query(tokens, command);
            }
            case "show" -> {
                return new Classification(StatementEffect.READ, "SHOW", "SHOW reads a setting");
            }
            case "explain" -> {
                return explain(tokens);
            }
            case "set", "reset" -> {
                return setting(tokens, word);
            }
            case "copy" -> {
                return copy(tokens);
            }
            case "discard" -> {
                return new Classification(
                        StatementEffect.SESSION_CHANGE, "DISCARD", "DISCARD resets the session MigLab set up");
            }
            default -> {}
        }
        if (word.equals("prepare") && tokens.size() > 1 && tokens.get(1).isWord("transaction")) {
            return new Classification(
                    StatementEffect.TRANSACTION_CONTROL,
                    "PREPARE TRANSACTION",
                    "PREPARE TRANSACTION ends the protecting transaction");
        }
        if (TRANSACTION.contains(word)) {
            return new Classification(
                    StatementEffect.TRANSACTION_CONTROL,
                    command,
                    command + " controls the transaction MigLab runs the statement in");
        }
        if (DML.contains(word)) {
            return new Classification(StatementEffect.WRITE, command, command + " changes data");
        }
        if (word.equals("alter") && tokens.size() > 1 && tokens.get(1).isWord("system")) {
            return new Classification(
                    StatementEffect.SERVER, "ALTER SYSTEM", "ALTER SYSTEM rewrites the server's configuration file");
        }
        if (SCHEMA.contains(word)) {
            return new Classification(
                    StatementEffect.WRITE, command, command + " changes the schema, privileges or catalog");
        }
        if (SERVER.contains(word)) {
            return new Classification(StatementEffect.SERVER, command, command + " " + serverReason(word));
        }
        if (OPAQUE.contains(word)) {
            return new Classification(
                    StatementEffect.UNKNOWN, command, command + " runs code or statements MigLab cannot inspect");
        }
        return new Classification(
                StatementEffect.UNKNOWN, command, "MigLab does not recognise the statement " + command);
    }

    private static String serverReason(String word) {
        return switch (word) {
            case "vacuum" -> "rewrites or cleans tables, even in a read-only transaction";
            case "analyze", "analyse" -> "rewrites the planner statistics, even in a read-only transaction";
            case "cluster" -> "rewrites a table under an exclusive lock";
            case "reindex" -> "rebuilds indexes under a lock, even in a read-only transaction";
            case "checkpoint" -> "forces a checkpoint on the whole server";
            case "load" -> "loads a shared library into the server process";
            case "lock" -> "takes table locks that block other sessions";
            default -> "sends or listens for notifications between sessions";
        };
    }

    /** SELECT, VALUES, TABLE, WITH: a read unless something inside writes, locks or has side effects. */
    private static Classification query(List<SqlToken> tokens, String command) {
        Optional<Classification> function = functionEffect(tokens, true);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.kind() != Kind.WORD) {
                continue;
            }
            if (t.value().equals("for") && i + 1 < tokens.size()) {
                SqlToken next = tokens.get(i + 1);
                if (next.isWord("update") || next.isWord("share") || next.isWord("no") || next.isWord("key")) {
                    return new Classification(
                            StatementEffect.WRITE,
                            command + " FOR " + next.value().toUpperCase(Locale.ROOT),
                            "FOR UPDATE and FOR SHARE lock rows against other sessions");
                }
            }
            if (DML.contains(t.value())) {
                String dml = t.value().toUpperCase(Locale.ROOT);
                return new Classification(
                        StatementEffect.WRITE,
                        command + " ... " + dml,
                        dml + " changes data (if it is a column name, write it in double quotes)");
            }
            if (t.value().equals("into")) {
                return new Classification(
                        StatementEffect.WRITE, command + " INTO", "SELECT INTO creates a table from the result");
            }
        }
        return function.orElse(new Classification(StatementEffect.READ, command, command + " reads data"));
    }

    /**
     * The first call of a side-effecting function, or of nextval/setval when {@code sequences} (they write, and
     * ROLLBACK does not undo them). A call is a name followed by an opening parenthesis; a name listed exactly is
     * refused wherever it appears, as PostgreSQL also calls one-argument functions written as {@code x.f}.
     */
    static Optional<Classification> functionEffect(List<SqlToken> tokens, boolean sequences) {
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            String name = t.lowerValue();
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isPunctuation('(');
            Optional<String> reason = SideEffectFunctions.reason(name);
            if (reason.isPresent() && (call || SideEffectFunctions.listedExactly(name))) {
                return Optional.of(new Classification(StatementEffect.SIDE_EFFECT, name, name + " " + reason.get()));
            }
            if (sequences && call && SideEffectFunctions.changesSequence(name)) {
                return Optional.of(new Classification(
                        StatementEffect.WRITE, name, name + " changes a sequence, and ROLLBACK does not undo it"));
            }
        }
        return Optional.empty();
    }

    /** EXPLAIN runs nothing; EXPLAIN ANALYZE runs its statement, so it is what that statement is. */
    private static Classification explain(List<SqlToken> tokens) {
        int i = 1;
        boolean analyze = false;
        if (i < tokens.size() && tokens.get(i).isPunctuation('(')) {
            int depth = 0;
            boolean expectName = true;
            String option = null;
            for (; i < tokens.size(); i++) {
                SqlToken t = tokens.get(i);
                if (t.isPunctuation('(')) {
                    depth++;
                    continue;
                }
                if (t.isPunctuation(')')) {
                    depth--;
                    if (depth == 0) {
                        i++;
                        break;
                    }
                    continue;
                }
                if (t.isPunctuation(',')) {
                    expectName = true;
                    continue;
                }
                if (expectName) {
                    option = t.lowerValue();
                    expectName = false;
                    if (option.equals("analyze") || option.equals("analyse")) {
                        analyze = true;
                    }
                } else if ((Set.of("analyze", "analyse").contains(option))
                        && Set.of("false", "off", "0").contains(t.lowerValue())) {
                    analyze = false;
                }
            }
        } else {
            while (i < tokens.size()
                    && (tokens.get(i).isWord("analyze")
                            || tokens.get(i).isWord("analyse")
                            || tokens.get(i).isWord("verbose"))) {
                analyze |= !tokens.get(i).isWord("verbose");
                i++;
            }
        }
        List<SqlToken> inner = tokens.subList(Math.min(i, tokens.size()), tokens.size());
        if (inner.isEmpty()) {
            return new Classification(StatementEffect.UNKNOWN, "EXPLAIN", "EXPLAIN without a statement");
        }
        Classification explained = classify(inner);
        if (analyze) {
            return new Classification(
                    explained.effect(),
                    "EXPLAIN ANALYZE " + explained.command(),
                    explained.reads()
                            ? "EXPLAIN ANALYZE runs a read"
                            : "EXPLAIN ANALYZE runs the statement: " + explained.reason());
        }
        if (explained.effect() == StatementEffect.SIDE_EFFECT) {
            return explained;
        }
        return new Classification(StatementEffect.READ, "EXPLAIN", "EXPLAIN without ANALYZE only plans");
    }

    private static Classification setting(List<SqlToken> tokens, String verb) {
        String command = verb.toUpperCase(Locale.ROOT);
        int i = 1;
        if (verb.equals("set")
                && i < tokens.size()
                && (tokens.get(i).isWord("session") || tokens.get(i).isWord("local"))) {
            if (tokens.get(i).isWord("session")
                    && i + 1 < tokens.size()
                    && (tokens.get(i + 1).isWord("characteristics")
                            || tokens.get(i + 1).isWord("authorization"))) {
                return tokens.get(i + 1).isWord("characteristics")
                        ? new Classification(
                                StatementEffect.TRANSACTION_CONTROL,
                                "SET SESSION CHARACTERISTICS",
                                "SET SESSION CHARACTERISTICS changes how every later transaction runs")
                        : new Classification(
                                StatementEffect.SESSION_CHANGE,
                                "SET SESSION AUTHORIZATION",
                                "SET SESSION AUTHORIZATION changes the role the session acts as");
            }
            i++;
        }
        if (i >= tokens.size()) {
            return new Classification(StatementEffect.UNKNOWN, command, command + " without a setting");
        }
        SqlToken first = tokens.get(i);
        String name;
        if (first.isWord("transaction")) {
            return new Classification(
                    StatementEffect.TRANSACTION_CONTROL,
                    command + " TRANSACTION",
                    "SET TRANSACTION changes the transaction MigLab runs the statement in");
        } else if (first.isWord("role") || first.isWord("session")) {
            return new Classification(
                    StatementEffect.SESSION_CHANGE,
                    command + " ROLE",
                    command + " ROLE changes the role the session acts as");
        } else if (first.isWord("constraints")) {
            return new Classification(
                    StatementEffect.TRANSACTION_CONTROL, "SET CONSTRAINTS", "SET CONSTRAINTS changes the transaction");
        } else if (first.isWord("all")) {
            return new Classification(
                    StatementEffect.SESSION_CHANGE, "RESET ALL", "RESET ALL resets the settings MigLab's guard made");
        } else if (first.isWord("time")
                && i + 1 < tokens.size()
                && tokens.get(i + 1).isWord("zone")) {
            name = "timezone";
        } else if (first.isWord("schema")) {
            name = "search_path";
        } else if (first.isWord("names")) {
            name = "client_encoding";
        } else if (first.isWord("xml")) {
            name = "xmloption";
        } else if (first.isName()) {
            name = first.lowerValue();
            if (i + 1 < tokens.size() && tokens.get(i + 1).isPunctuation('.')) {
                name = name + "." + (i + 2 < tokens.size() ? tokens.get(i + 2).lowerValue() : "");
            }
        } else {
            return new Classification(StatementEffect.UNKNOWN, command, command + " of something MigLab cannot read");
        }
        Optional<Classification> function = functionEffect(tokens, true);
        if (function.isPresent()) {
            return function.get();
        }
        if (SessionSettings.harmless(name)) {
            return new Classification(
                    StatementEffect.SESSION_SETTING,
                    command + " " + name,
                    command + " " + name + " changes this session only");
        }
        return new Classification(
                StatementEffect.SESSION_CHANGE,
                command + " " + name,
                command + " " + name + " is not one of the settings a guarded session may change ("
                        + SessionSettings.EXAMPLES + ")");
    }

    /** COPY ... TO STDOUT reads; to or from a file or program it acts on the server; FROM STDIN writes. */
    private static Classification copy(List<SqlToken> tokens) {
        int depth = 0;
        int queryStart = -1;
        int queryEnd = -1;
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunctuation('(')) {
                if (depth == 0 && i == 1) {
                    queryStart = i + 1;
                }
                depth++;
                continue;
            }
            if (t.isPunctuation(')')) {
                depth--;
                if (depth == 0 && queryStart > 0 && queryEnd < 0) {
                    queryEnd = i;
                }
                continue;
            }
            if (depth > 0 || t.kind() != Kind.WORD) {
                continue;
            }
            if (t.value().equals("from")) {
                boolean stdin = i + 1 < tokens.size() && tokens.get(i + 1).isWord("stdin");
                return stdin
                        ? new Classification(StatementEffect.WRITE, "COPY FROM STDIN", "COPY FROM loads rows")
                        : new Classification(
                                StatementEffect.SERVER,
                                "COPY FROM",
                                "COPY FROM a file or PROGRAM reads server files or runs a program on the server");
            }
            if (t.value().equals("to")) {
                boolean stdout = i + 1 < tokens.size() && tokens.get(i + 1).isWord("stdout");
                if (!stdout) {
                    return new Classification(
                            StatementEffect.SERVER,
                            "COPY TO",
                            "COPY TO a file or PROGRAM writes server files or runs a program on the server");
                }
                if (queryStart > 0 && queryEnd > queryStart) {
                    Classification query = classify(tokens.subList(queryStart, queryEnd));
                    if (!query.reads()) {
                        return query;
                    }
                }
                return functionEffect(tokens, true)
                        .orElse(new Classification(
                                StatementEffect.READ, "COPY TO STDOUT", "COPY TO STDOUT reads rows"));
            }
        }
        return new Classification(StatementEffect.UNKNOWN, "COPY", "COPY without TO or FROM");
    }

    private static List<SqlToken> withoutLeadingParentheses(List<SqlToken> tokens) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).isPunctuation('(')) {
            i++;
        }
        return tokens.subList(i, tokens.size());
    }
}
