package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import io.miglab.core.inventory.Identifiers;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of the advisor's indexes: names shown as psql would (quoted only where needed), CREATE INDEX statements
 * written and read back. Reading takes a reference file ({@code optimization.sql}) apart with MigLab's lexer, so
 * comments, quoted names and {@code DESC} keys are read as PostgreSQL reads them.
 */
public final class IndexSql {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_NAME = 63;

    private IndexSql() {}

    /** {@code schema.name}, each part quoted only where it must be. */
    public static String qualified(String schema, String name) {
        return Identifiers.shown(schema) + "." + Identifiers.shown(name);
    }

    /** {@code CREATE [UNIQUE] INDEX <prefix> rest}: inserts CONCURRENTLY and IF NOT EXISTS after INDEX. */
    static String withPrefix(String createSql, String prefix) {
        List<SqlToken> tokens = SqlStatements.single(createSql, "CREATE INDEX").tokens();
        for (SqlToken t : tokens) {
            if (t.isWord("index")) {
                int at = t.start() + t.text().length();
                return (createSql.substring(0, at) + " " + prefix + createSql.substring(at)).strip();
            }
        }
        throw new MigLabException("Not a CREATE INDEX statement: " + SqlStatement.abbreviate(createSql));
    }

    /** {@code CREATE INDEX name ON schema.table (a, b) INCLUDE (c)}. */
    static String create(String schema, String table, String name, List<String> columns, List<String> include) {
        StringBuilder sql = new StringBuilder("CREATE INDEX ")
                .append(Identifiers.shown(name))
                .append(" ON ")
                .append(qualified(schema, table))
                .append(" (");
        sql.append(String.join(", ", columns.stream().map(Identifiers::shown).toList()));
        sql.append(')');
        if (!include.isEmpty()) {
            sql.append(" INCLUDE (")
                    .append(String.join(
                            ", ", include.stream().map(Identifiers::shown).toList()))
                    .append(')');
        }
        return sql.toString();
    }

    /** A name like the seed's: {@code idx_rental_inventory_id_rental_date}, cut to 63 characters. */
    static String name(String table, List<String> columns, boolean covering) {
        StringBuilder name = new StringBuilder("idx_").append(table);
        for (String c : columns) {
            name.append('_').append(c);
        }
        if (covering) {
            name.append("_cov");
        }
        String plain = name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (plain.length() <= MAX_NAME) {
            return plain;
        }
        String hash = Integer.toHexString(name.toString().hashCode());
        return plain.substring(0, MAX_NAME - hash.length() - 1) + "_" + hash;
    }

    /**
     * The indexes of a script of CREATE INDEX statements (an {@code optimization.sql}): each statement must be a
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] [schema.]table ...}; other
     * statements ({@code SET}, comments) are refused with where they are, so a typo never passes as "no index".
     *
     * @param source the file's name, for messages
     */
    public static List<IndexSpec> parseScript(String text, String source) {
        List<IndexSpec> out = new ArrayList<>();
        for (SqlStatement s : SqlStatements.split(text)) {
            out.add(parseCreate(text, s, source));
        }
        if (out.isEmpty()) {
            throw new MigLabException(source + " holds no CREATE INDEX statement.");
        }
        return out;
    }

    private static IndexSpec parseCreate(String text, SqlStatement s, String source) {
        List<SqlToken> t = s.tokens();
        String where = source + " line " + s.line() + ": ";
        int i = 0;
        if (!(t.size() > 3 && t.get(i++).isWord("create"))) {
            throw new MigLabException(where + "expected CREATE INDEX, found: " + s.firstLine());
        }
        boolean unique = t.get(i).isWord("unique");
        if (unique) {
            i++;
        }
        if (!t.get(i++).isWord("index")) {
            throw new MigLabException(where + "expected CREATE INDEX, found: " + s.firstLine());
        }
        if (t.get(i).isWord("concurrently")) {
            i++;
        }
        if (i + 2 < t.size()
                && t.get(i).isWord("if")
                && t.get(i + 1).isWord("not")
                && t.get(i + 2).isWord("exists")) {
            i += 3;
        }
        if (i >= t.size() || !t.get(i).isName() || t.get(i).isWord("on")) {
            throw new MigLabException(where + "the index needs a name (MigLab drops it by name): " + s.firstLine());
        }
        String name = t.get(i++).value();
        int on = i;
        if (i >= t.size() || !t.get(i++).isWord("on")) {
            throw new MigLabException(where + "expected ON table after the index name: " + s.firstLine());
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        if (i >= t.size() || !t.get(i).isName()) {
            throw new MigLabException(where + "expected the table after ON: " + s.firstLine());
        }
        String schema = "public";
        String table = t.get(i++).value();
        if (i + 1 < t.size() && t.get(i).isPunctuation('.') && t.get(i + 1).isName()) {
            schema = table;
            table = t.get(i + 1).value();
            i += 2;
        }
        if (i < t.size() && t.get(i).isWord("using")) {
            i += 2;
        }
        if (i >= t.size() || !t.get(i).isPunctuation('(')) {
            throw new MigLabException(where + "expected the key columns in parentheses: " + s.firstLine());
        }
        int close = closing(t, i);
        List<String> columns = new ArrayList<>();
        for (List<SqlToken> key : commaSeparated(t, i + 1, close)) {
            if (key.isEmpty()) {
                throw new MigLabException(where + "an empty key column: " + s.firstLine());
            }
            columns.add(text.substring(key.get(0).start(), end(key)).strip());
        }
        List<String> include = new ArrayList<>();
        if (close + 2 < t.size()
                && t.get(close + 1).isWord("include")
                && t.get(close + 2).isPunctuation('(')) {
            int end = closing(t, close + 2);
            for (List<SqlToken> c : commaSeparated(t, close + 3, end)) {
                include.add(c.get(0).value());
            }
        }
        return new IndexSpec(
                schema,
                table,
                name,
                columns,
                include,
                "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + Identifiers.shown(name) + " "
                        + text.substring(t.get(on).start(), end(t)));
    }

    private static int end(List<SqlToken> tokens) {
        SqlToken last = tokens.get(tokens.size() - 1);
        return last.start() + last.text().length();
    }

    private static int closing(List<SqlToken> t, int open) {
        int depth = 0;
        for (int j = open; j < t.size(); j++) {
            if (t.get(j).isPunctuation('(')) {
                depth++;
            } else if (t.get(j).isPunctuation(')') && --depth == 0) {
                return j;
            }
        }
        throw new MigLabException("Unbalanced parentheses in a CREATE INDEX statement.");
    }

    private static List<List<SqlToken>> commaSeparated(List<SqlToken> t, int from, int to) {
        List<List<SqlToken>> parts = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (int j = from; j < to; j++) {
            SqlToken tok = t.get(j);
            if (tok.isPunctuation('(')) {
                depth++;
            } else if (tok.isPunctuation(')')) {
                depth--;
            }
            if (depth == 0 && tok.isPunctuation(',')) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(tok);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }
}
