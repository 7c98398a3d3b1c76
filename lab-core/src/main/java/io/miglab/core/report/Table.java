package io.miglab.core.report;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table of figures as text: a header and rows of cells already formatted (units included), with an alignment per
 * column (numbers right).
 *
 * @param name a short machine name for file names ({@code latency}, {@code statements}); lower case with dashes
 */
public record Table(String name, String title, List<Column> columns, List<List<String>> rows) {
    public Table {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("A table name is lower case with dashes, not " + name);
        }
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> r.stream().map(c -> c == null ? "" : c).toList())
                .toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "Table " + name + " has " + columns.size() + " columns but a row of " + row.size());
            }
        }
    }

    public enum Align {
        LEFT,
        RIGHT,
        CENTER
    }

    public record Column(String name, Align align) {
        public static Column left(String name) {
            return new Column(name, Align.LEFT);
        }

        public static Column right(String name) {
            return new Column(name, Align.RIGHT);
        }
    }

    Table mapText(UnaryOperator<String> f) {
        return new Table(
                name,
                f.apply(title),
                columns.stream()
                        .map(c -> new Column(f.apply(c.name()), c.align()))
                        .toList(),
                rows.stream().map(r -> r.stream().map(f).toList()).toList());
    }
}
