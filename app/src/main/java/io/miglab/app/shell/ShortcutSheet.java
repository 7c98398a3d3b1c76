package io.miglab.app.shell;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** F1: the keyboard shortcuts on one card. */
final class ShortcutSheet {
    /** A shortcut and what it does. */
    record Shortcut(String keys, String does) {}

    static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+K", "Go to any step or page, run an action"),
            new Shortcut("Ctrl+Enter", "Run the page's main action (explain, run the baseline, load, snapshot)"),
            new Shortcut("Esc", "Cancel the page's running job; close this sheet or the palette"),
            new Shortcut("Ctrl+1 \u2026 Ctrl+9", "Open playbook step 1 to 9"),
            new Shortcut("Ctrl+PgDn / Ctrl+PgUp", "Next / previous playbook step (steps 10 and on too)"),
            new Shortcut("Ctrl+T", "Targets"),
            new Shortcut("Ctrl+E", "Experiments"),
            new Shortcut("Ctrl+M", "Live metrics: kubectl top with history"),
            new Shortcut("Ctrl+L", "Script review: lint a data-migration script"),
            new Shortcut("Ctrl+Shift+D", "Switch between the light and the dark theme"),
            new Shortcut("F5", "Check the targets and reload the experiments"),
            new Shortcut("F1", "This sheet"),
            new Shortcut("Ctrl+Q", "Quit"));

    private final StackPane root;

    ShortcutSheet() {
        Label heading = new Label("Keyboard shortcuts");
        heading.getStyleClass().add("title-4");
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(8);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label keys = new Label(SHORTCUTS.get(i).keys());
            keys.getStyleClass().add("shortcut-key");
            keys.setMinWidth(Region.USE_PREF_SIZE);
            Label does = new Label(SHORTCUTS.get(i).does());
            does.setWrapText(true);
            grid.addRow(i, keys, does);
        }
        Label close = new Label("Esc or F1 closes this sheet.");
        close.getStyleClass().addAll("text-muted", "text-small");
        VBox card = new VBox(14, heading, grid, close);
        card.getStyleClass().add("palette-card");
        card.setPadding(new Insets(20, 24, 18, 24));
        card.setMaxSize(620, Region.USE_PREF_SIZE);
        root = new StackPane(card);
        StackPane.setAlignment(card, Pos.CENTER);
        root.setPickOnBounds(false);
    }

    Node root() {
        return root;
    }
}
