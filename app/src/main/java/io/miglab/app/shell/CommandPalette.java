package io.miglab.app.shell;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Ctrl+K: every step, page and action by name, as VS Code's and Lens's palettes do. Typing filters (all words, any
 * order), Up/Down moves, Enter runs, Esc closes.
 */
final class CommandPalette {
    /** One entry: what it says, its shortcut if it has one, what it does. */
    record Command(String title, String shortcut, Runnable action) {
        boolean matches(String query) {
            String haystack = (title + " " + shortcut).toLowerCase(Locale.ROOT);
            for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                if (!word.isEmpty() && !haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Supplier<List<Command>> commands;
    private final Overlay overlay;
    private final TextField query = new TextField();
    private final ListView<Command> list = new ListView<>();
    private final StackPane root;
    private FilteredList<Command> shown = new FilteredList<>(FXCollections.observableArrayList());

    CommandPalette(Supplier<List<Command>> commands, Overlay overlay) {
        this.commands = commands;
        this.overlay = overlay;
        query.setPromptText("Go to a step or page, or run an action\u2026");
        query.getStyleClass().add("palette-query");
        query.textProperty().addListener((obs, old, text) -> filter(text));
        list.setCellFactory(v -> new CommandCell());
        list.setPrefHeight(320);
        list.getStyleClass().add("palette-list");
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                runSelected();
            }
        });
        VBox card = new VBox(8, query, list);
        card.getStyleClass().add("palette-card");
        card.setPadding(new Insets(12));
        card.setMaxSize(560, Region.USE_PREF_SIZE);
        card.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        root = new StackPane(card);
        StackPane.setAlignment(card, Pos.TOP_CENTER);
        root.setPadding(new Insets(80, 0, 0, 0));
        root.setPickOnBounds(false);
    }

    Node root() {
        return root;
    }

    ListView<Command> list() {
        return list;
    }

    TextField query() {
        return query;
    }

    /** Fills the list afresh (steps change status), clears the query and takes the keyboard. */
    void prepare() {
        shown = new FilteredList<>(FXCollections.observableArrayList(commands.get()));
        list.setItems(shown);
        query.clear();
        filter("");
        query.requestFocus();
    }

    private void filter(String text) {
        shown.setPredicate(c -> text == null || text.isBlank() || c.matches(text));
        list.getSelectionModel().selectFirst();
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.DOWN) {
            list.getSelectionModel().selectNext();
            list.scrollTo(list.getSelectionModel().getSelectedIndex());
            e.consume();
        } else if (e.getCode() == KeyCode.UP) {
            list.getSelectionModel().selectPrevious();
            list.scrollTo(list.getSelectionModel().getSelectedIndex());
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER) {
            runSelected();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            overlay.close();
            e.consume();
        }
    }

    private void runSelected() {
        Command command = list.getSelectionModel().getSelectedItem();
        if (command != null) {
            overlay.close();
            command.action().run();
        }
    }

    /** The layer the palette sits in. */
    interface Overlay {
        void close();
    }

    private static final class CommandCell extends ListCell<Command> {
        private final Label title = new Label();
        private final Label shortcut = new Label();
        private final HBox row;

        CommandCell() {
            shortcut.getStyleClass().addAll("text-muted", "text-small", "shortcut-key");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            row = new HBox(8, title, spacer, shortcut);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Command item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            title.setText(item.title());
            shortcut.setText(item.shortcut());
            shortcut.setVisible(!item.shortcut().isEmpty());
            setGraphic(row);
        }
    }
}
