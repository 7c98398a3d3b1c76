package io.miglab.app.widget;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Table columns as every MigLab table builds them. */
public final class Columns {
    /** Texts at least this long may be cut by the column; they show whole on hover. */
    private static final int TOOLTIP_FROM = 40;

    private Columns() {}

    /** A text column; long values (definitions, queries, titles) show whole in a tooltip. */
    public static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < TOOLTIP_FROM ? null : new Tooltip(text));
            }
        });
        column.setPrefWidth(width);
        return column;
    }

    /** A right-aligned column that sorts by the raw value and shows it formatted. */
    public static <T, V extends Comparable<V>> TableColumn<T, V> number(
            String title, Function<T, V> value, Function<T, String> shown, double width) {
        TableColumn<T, V> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(V v, boolean empty) {
                super.updateItem(v, empty);
                T row = empty ? null : getTableRow().getItem();
                setText(row == null ? null : shown.apply(row));
            }
        });
        column.getStyleClass().add("numeric");
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 90));
        return column;
    }
}
