package io.miglab.app.targets.view;

import io.miglab.app.targets.TargetRow;
import io.miglab.app.targets.TargetsViewModel;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.TargetRole;
import java.time.Duration;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Targets page: lab instances and external servers; add, test, start/stop, unlock, remove. */
public final class TargetsView {
    private final TargetsViewModel model;
    private VBox root;

    public TargetsView(TargetsViewModel model) {
        this(model, true);
    }

    /** @param withHeader false when embedded under a playbook step's own title */
    public TargetsView(TargetsViewModel model, boolean withHeader) {
        this.model = model;
        Label title = new Label("Targets");
        title.getStyleClass().add("title-2");
        Label summary = new Label("The PostgreSQL servers MigLab works on. Lab instances are MigLab's own embedded"
                + " servers: disposable, full access. Every other server is guarded: read-only until you unlock"
                + " writes for it, and every unlock is recorded.");
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        TableView<TargetRow> table = new TableView<>(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 140, TargetRow::name));
        table.getColumns().add(column("Kind", 110, TargetRow::kind));
        table.getColumns().add(column("Role", 90, r -> r.target().role().label()));
        TableColumn<TargetRow, String> state = column("State", 100, TargetRow::state);
        state.setCellFactory(c -> new StateCell());
        table.getColumns().add(state);
        table.getColumns().add(column("Connection", 300, r -> r.target().describe()));
        TableColumn<TargetRow, String> writes = column("Writes", 200, TargetRow::writes);
        writes.setCellFactory(c -> new WritesCell());
        table.getColumns().add(writes);
        table.setPlaceholder(new Label("No targets yet: the lab instance appears here once it has started."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.select(row));
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<TargetRow>();
            row.itemProperty().addListener((obs, old, item) -> {
                row.getStyleClass().remove("row-test-failed");
                if (item != null && item.testFailed()) {
                    row.getStyleClass().add("row-test-failed");
                }
            });
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.makeCurrent(row.getItem().name());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        BooleanBinding none = model.selectedProperty().isNull();
        BooleanBinding notLab = Bindings.createBooleanBinding(
                () -> model.selectedProperty().get() == null
                        || !model.selectedProperty().get().target().labInstance(),
                model.selectedProperty());
        BooleanBinding notGuarded = Bindings.createBooleanBinding(
                () -> model.selectedProperty().get() == null
                        || !model.selectedProperty().get().target().guarded(),
                model.selectedProperty());

        Button add = new Button("Add target\u2026");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> showAddDialog(add));
        Button newLab = new Button("New lab instance\u2026");
        newLab.getStyleClass().add("button-outlined");
        newLab.setOnAction(e -> {
            javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog("second");
            ask.initOwner(newLab.getScene().getWindow());
            ask.setTitle("New lab instance");
            ask.setHeaderText("Create and start another embedded PostgreSQL, for example to restore a dump into.");
            ask.setContentText("Name");
            ask.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(model::startLab);
        });
        Button use = button("Work on it", none, () -> model.makeCurrent(selectedName()));
        Button test = button("Test", none, () -> model.test(selectedName()));
        Button start = button("Start", notLab, () -> model.startLab(selectedName()));
        Button stop = button("Stop", notLab, () -> model.stopLab(selectedName()));
        Button unlock = button("Unlock writes\u2026", notGuarded, () -> showUnlockDialog(root));
        Button lock = button("Lock", notGuarded, () -> model.lock(selectedName()));
        Button remove = button("Remove", Bindings.or(none, notLab.not()), () -> model.remove(selectedName()));
        remove.getStyleClass().add("danger");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, add, newLab, spacer, use, test, start, stop, unlock, lock, remove);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label testResult = new Label();
        testResult.setWrapText(true);
        testResult.getStyleClass().add("test-result");
        testResult.visibleProperty().bind(model.lastTestProperty().isNotNull());
        testResult.managedProperty().bind(testResult.visibleProperty());
        model.lastTestProperty().addListener((obs, old, check) -> showCheck(testResult, check));
        Label testDetails = new Label();
        testDetails.setWrapText(true);
        // A wrapping label in a VBox keeps one line unless it may grow to its preferred height.
        testDetails.setMinHeight(Region.USE_PREF_SIZE);
        testDetails.getStyleClass().add("test-details");
        testDetails.textProperty().bind(model.lastTestDetailsProperty());
        testDetails.visibleProperty().bind(model.lastTestDetailsProperty().isNotEmpty());
        testDetails.managedProperty().bind(testDetails.visibleProperty());

        root = new VBox(14, actions, testResult, testDetails, table);
        // Remaining unlock times count down only while this page is on screen.
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old == null && scene != null) {
                model.pageShown();
            } else if (old != null && scene == null) {
                model.pageHidden();
            }
        });
        if (withHeader) {
            root.getChildren().addAll(0, java.util.List.of(title, summary));
            root.setPadding(new Insets(24, 28, 20, 28));
            root.getStyleClass().add("page");
        }
    }

    public Node root() {
        return root;
    }

    private String selectedName() {
        return model.selectedProperty().get() == null
                ? null
                : model.selectedProperty().get().name();
    }

    private Button button(String text, javafx.beans.value.ObservableBooleanValue disabled, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add("button-outlined");
        b.disableProperty().bind(disabled);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static void showCheck(Label label, ConnectionCheck check) {
        if (check == null) {
            return;
        }
        label.getStyleClass().removeAll("test-ok", "test-failed");
        label.getStyleClass().add(check.ok() ? "test-ok" : "test-failed");
        label.setText((check.ok() ? "\u2713  " : "\u2715  ") + check.targetName() + ": " + check.message());
    }

    private void showAddDialog(Node owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Add target");
        dialog.setHeaderText("Add a PostgreSQL server to work on");
        TextField name = new TextField();
        name.setPromptText("prod-replica");
        TextField url = new TextField();
        url.setPromptText("jdbc:postgresql://host:5432/database?user=me");
        url.setPrefColumnCount(36);
        ComboBox<TargetRole> role = new ComboBox<>();
        role.getItems().setAll(TargetRole.GUARDED, TargetRole.LAB);
        role.setValue(TargetRole.GUARDED);
        Label hint = new Label("Passwords are never stored: MigLab reads them from PGPASSWORD or ~/.pgpass when it"
                + " connects. Guarded targets are read-only until you unlock writes.");
        hint.setWrapText(true);
        hint.setMaxWidth(480);
        hint.getStyleClass().addAll("text-muted", "text-small");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("URL"), url);
        form.addRow(2, new Label("Role"), role);
        form.add(hint, 0, 3, 2, 1);
        dialog.getDialogPane().setContent(form);
        ButtonType addType = new ButtonType("Add and test", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(addType, ButtonType.CANCEL);
        dialog.getDialogPane()
                .lookupButton(addType)
                .disableProperty()
                .bind(name.textProperty().isEmpty().or(url.textProperty().isEmpty()));
        Optional<ButtonType> result = dialog.showAndWait();
        if (result.filter(addType::equals).isPresent()) {
            model.add(name.getText(), url.getText(), role.getValue());
        }
    }

    private void showUnlockDialog(Node owner) {
        String name = selectedName();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Unlock writes");
        dialog.setHeaderText("Allow MigLab to write to '" + name + "'?");
        TextField reason = new TextField();
        reason.setPromptText("Why: e.g. build a candidate index on rental(customer_id)");
        reason.setPrefColumnCount(36);
        Spinner<Integer> minutes =
                new Spinner<>(1, (int) io.miglab.core.targets.TargetRegistry.MAX_UNLOCK.toMinutes(), 60, 15);
        minutes.setEditable(true);
        Label warning = new Label("This is someone's real database. Writes, index builds and setting changes become"
                + " possible until the unlock expires or you lock it again. The unlock is recorded in the ledger.");
        warning.setWrapText(true);
        warning.setMaxWidth(480);
        warning.getStyleClass().add("text-warning");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Reason"), reason);
        form.addRow(1, new Label("Minutes"), minutes);
        form.add(warning, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(form);
        ButtonType unlockType = new ButtonType("Unlock", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(unlockType, ButtonType.CANCEL);
        dialog.getDialogPane()
                .lookupButton(unlockType)
                .disableProperty()
                .bind(reason.textProperty().isEmpty());
        if (dialog.showAndWait().filter(unlockType::equals).isPresent()) {
            model.unlock(name, reason.getText(), Duration.ofMinutes(minutes.getValue()));
        }
    }

    private static TableColumn<TargetRow, String> column(
            String title, double width, java.util.function.Function<TargetRow, String> value) {
        return io.miglab.app.widget.Columns.text(title, value, width);
    }

    /** Running / stopped / external, as a coloured dot and word. */
    private static final class StateCell extends TableCell<TargetRow, String> {
        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            getStyleClass().removeAll("cell-running", "cell-stopped", "cell-external", "cell-test-failed");
            if (empty || state == null) {
                setText(null);
                return;
            }
            setText("\u25cf " + state);
            getStyleClass().add("cell-" + state.replace(' ', '-'));
        }
    }

    /** Writes, in the warning colour while a guarded target is unlocked. */
    private static final class WritesCell extends TableCell<TargetRow, String> {
        @Override
        protected void updateItem(String writes, boolean empty) {
            super.updateItem(writes, empty);
            getStyleClass().remove("cell-unlocked");
            TargetRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || writes == null) {
                setText(null);
                return;
            }
            setText(writes);
            if (row != null && row.unlocked()) {
                getStyleClass().add("cell-unlocked");
            }
        }
    }
}
