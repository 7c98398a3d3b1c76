package io.miglab.app.plan.view;

import io.miglab.core.sql.SqlLexer;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.SqlToken;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The query box: SQL with its key words, strings, numbers and comments coloured by MigLab's own lexer (the one the
 * statement gate uses, so what is coloured as a string is what the gate reads as one), and the spot the server
 * refused marked in red with its message underneath.
 */
public final class SqlEditor extends VBox {
    /** Key words worth colouring; PostgreSQL has hundreds, these are the ones queries are made of. */
    private static final Set<String> KEYWORDS = Set.of(
            "select",
            "from",
            "where",
            "and",
            "or",
            "not",
            "in",
            "is",
            "null",
            "as",
            "on",
            "join",
            "left",
            "right",
            "inner",
            "outer",
            "full",
            "cross",
            "lateral",
            "using",
            "group",
            "by",
            "order",
            "having",
            "limit",
            "offset",
            "fetch",
            "first",
            "next",
            "rows",
            "only",
            "distinct",
            "union",
            "all",
            "intersect",
            "except",
            "with",
            "recursive",
            "insert",
            "into",
            "values",
            "update",
            "set",
            "delete",
            "returning",
            "create",
            "index",
            "table",
            "drop",
            "alter",
            "case",
            "when",
            "then",
            "else",
            "end",
            "exists",
            "between",
            "like",
            "ilike",
            "asc",
            "desc",
            "nulls",
            "last",
            "true",
            "false",
            "over",
            "partition",
            "window",
            "filter",
            "cast",
            "interval",
            "any",
            "some",
            "array",
            "default",
            "conflict",
            "do",
            "nothing",
            "materialized",
            "explain",
            "analyze",
            "for",
            "share",
            "no",
            "key",
            "of",
            "skip",
            "locked",
            "nowait",
            "natural",
            "similar",
            "to",
            "escape",
            "collate",
            "current_date",
            "current_timestamp",
            "now");

    private final CodeArea area = new CodeArea();
    private final Label message = new Label();
    /** The refused range, or null. */
    private int[] error;

    public SqlEditor() {
        this("SELECT … the statement to explain in the chosen database (Ctrl+Enter)");
    }

    /** An editor that shows {@code placeholderText} while empty. */
    public SqlEditor(String placeholderText) {
        super(4);
        getStyleClass().add("sql-editor");
        area.getStyleClass().addAll("plan-sql", "monospace");
        area.setWrapText(true);
        Label placeholder = new Label(placeholderText);
        placeholder.getStyleClass().add("sql-placeholder");
        placeholder.setWrapText(true);
        placeholder.maxWidthProperty().bind(area.widthProperty().subtract(20));
        area.setPlaceholder(placeholder, javafx.geometry.Pos.TOP_LEFT);
        area.textProperty().addListener((obs, old, now) -> {
            error = null;
            restyle();
        });
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        scroll.setPrefHeight(84);
        scroll.setMinHeight(60);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        message.getStyleClass().add("sql-error-message");
        message.setWrapText(true);
        message.setVisible(false);
        message.managedProperty().bind(message.visibleProperty());
        getChildren().addAll(scroll, message);
    }

    public CodeArea area() {
        return area;
    }

    public String getText() {
        return area.getText();
    }

    public void setText(String text) {
        area.replaceText(text == null ? "" : text);
    }

    /** The message under the box, for tests. */
    public Label message() {
        return message;
    }

    /** Marks the token at {@code offset} (0-based; -1 for none) as refused and shows {@code text} underneath. */
    public void showError(int offset, String text) {
        String sql = area.getText();
        if (offset >= 0 && !sql.isEmpty()) {
            int start = Math.min(offset, sql.length() - 1);
            error = new int[] {start, tokenEnd(sql, start)};
            int line = 1
                    + (int) sql.substring(0, start)
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            int column = start - (sql.lastIndexOf('\n', start - 1) + 1) + 1;
            message.setText("Line " + line + ", column " + column + ": " + text);
        } else {
            error = null;
            message.setText(text);
        }
        message.setVisible(true);
        restyle();
    }

    public void clearError() {
        error = null;
        message.setVisible(false);
        message.setText("");
        restyle();
    }

    /** The refused range [start, end) or null, for tests. */
    public int[] errorRange() {
        return error == null ? null : error.clone();
    }

    private static int tokenEnd(String sql, int start) {
        try {
            for (SqlToken t : SqlLexer.tokenize(sql)) {
                if (t.start() <= start && start < t.start() + t.text().length()) {
                    return t.start() + t.text().length();
                }
            }
        } catch (SqlSyntaxException unterminated) {
            // Fall through: mark the word at the offset.
        }
        int end = start;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return Math.max(end, start + 1);
    }

    private void restyle() {
        String sql = area.getText();
        if (sql.isEmpty()) {
            return;
        }
        area.setStyleSpans(0, spans(sql, error));
        if (error == null && message.isVisible()) {
            message.setVisible(false);
        }
    }

    /** One style class per character run: the token's kind, comments in the gaps, and the refused range on top. */
    static StyleSpans<Collection<String>> spans(String sql, int[] error) {
        String[] classes = new String[sql.length()];
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SqlSyntaxException unterminated) {
            tokens = List.of();
        }
        int previousEnd = 0;
        for (SqlToken t : tokens) {
            markComments(sql, previousEnd, t.start(), classes);
            String style = styleOf(t);
            int end = Math.min(sql.length(), t.start() + t.text().length());
            for (int i = t.start(); i < end; i++) {
                classes[i] = style;
            }
            previousEnd = end;
        }
        markComments(sql, previousEnd, sql.length(), classes);
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        int i = 0;
        while (i < sql.length()) {
            int j = i;
            while (j < sql.length()
                    && java.util.Objects.equals(classes[j], classes[i])
                    && inError(error, j) == inError(error, i)) {
                j++;
            }
            java.util.List<String> styles = new java.util.ArrayList<>(2);
            if (classes[i] != null) {
                styles.add(classes[i]);
            }
            if (inError(error, i)) {
                styles.add("sql-error");
            }
            builder.add(styles.isEmpty() ? Collections.emptyList() : styles, j - i);
            i = j;
        }
        return builder.create();
    }

    private static boolean inError(int[] error, int i) {
        return error != null && i >= error[0] && i < error[1];
    }

    private static void markComments(String sql, int from, int to, String[] classes) {
        int i = from;
        while (i < to - 1) {
            if (sql.charAt(i) == '-' && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 || end > to ? to : end;
                for (int k = i; k < end; k++) {
                    classes[k] = "sql-comment";
                }
                i = end;
            } else if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                for (int k = i; k < to; k++) {
                    classes[k] = "sql-comment";
                }
                i = to;
            } else {
                i++;
            }
        }
    }

    private static String styleOf(SqlToken t) {
        return switch (t.kind()) {
            case WORD -> KEYWORDS.contains(t.value().toLowerCase(Locale.ROOT)) ? "sql-keyword" : "sql-name";
            case QUOTED_IDENTIFIER -> "sql-name";
            case STRING, DOLLAR_STRING -> "sql-string";
            case NUMBER -> "sql-number";
            case PARAMETER -> "sql-parameter";
            case OPERATOR, PUNCTUATION, BACKSLASH -> "sql-punctuation";
        };
    }
}
