package io.miglab.app.widget;

import io.miglab.app.targets.DatabaseChoice;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.SearchableComboBox;

/**
 * The database picker every page that works inside a database shows: a searchable list of the current target's
 * databases (type to filter, as in pgAdmin's object browser), bound both ways to the app's {@link DatabaseChoice}.
 */
public final class DatabasePicker extends HBox {
    private final SearchableComboBox<String> box = new SearchableComboBox<>();

    public DatabasePicker(DatabaseChoice choice) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("database-picker");
        Label label = new Label("Database");
        label.setLabelFor(box);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setItems(choice.databases());
        box.setPromptText("Choose a database");
        box.setPrefWidth(220);
        box.setMinWidth(140);
        box.setValue(choice.selected());
        choice.selectedProperty().addListener((obs, old, now) -> {
            if (!Objects.equals(box.getValue(), now)) {
                box.setValue(now);
            }
        });
        box.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !Objects.equals(now, choice.selected())) {
                choice.choose(now);
            }
        });
        Tooltip problem = new Tooltip();
        problem.textProperty().bind(choice.problemProperty());
        choice.problemProperty().addListener((obs, old, now) -> box.setTooltip(now.isEmpty() ? null : problem));
        getChildren().addAll(label, box);
    }

    /** The combo box itself, for focus and tests. */
    public SearchableComboBox<String> comboBox() {
        return box;
    }
}
