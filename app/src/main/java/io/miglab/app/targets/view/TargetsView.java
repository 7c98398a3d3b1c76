package io.miglab.app.targets.view;

import io.miglab.app.shell.PageActions;
import io.miglab.app.targets.AddTargetForm;
import io.miglab.app.targets.TargetRow;
import io.miglab.app.targets.TargetsViewModel;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.TargetRole;
import java.time.Duration;
import java.util.List;
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
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Targets page: lab instances and external servers; add, test, start/stop, unlock, remove. */
public final class TargetsView implements PageActions {
    private final TargetsViewModel model;
    private VBox root;
    private ScrollPane scroll;
    private TextField nameField;
    private TableView<TargetRow> table;

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

        table = new TableView<>(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 120, TargetRow::name));
        TableColumn<TargetRow, String> kindColumn = column("Kind", 100, TargetRow::kind);
        table.getColumns().add(kindColumn);
        // Narrow: the role (lab or guarded) says enough; the other columns keep their words.
        table.widthProperty().addListener((obs, old, width) -> kindColumn.setVisible(width.doubleValue() >= 960));
        table.getColumns().add(column("Role", 80, r -> r.target().role().label()));
        TableColumn<TargetRow, String> state = column("State", 230, TargetRow::state);
        state.setCellFactory(c -> new StateCell());
        table.getColumns().add(state);
        table.getColumns().add(column("Connection", 260, r -> r.target().describe()));
        TableColumn<TargetRow, String> writes = column("Writes", 170, TargetRow::writes);
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
        add.setOnAction(e -> {
            model.openAddForm();
            nameField.requestFocus();
        });
        add.disableProperty().bind(model.addFormOpenProperty());
        Button newLab = new Button("New lab instance\u2026");
        newLab.getStyleClass().add("button-outlined");
        newLab.setOnAction(e -> model.newLabInstance());
        Button use = button("Work on it", none, () -> model.makeCurrent(selectedName()));
        Button test = button("Test", none, () -> model.test(selectedName()));
        Button start = button("Start", notLab, () -> model.startLab(selectedName()));
        Button stop = button("Stop", notLab, () -> model.stopLab(selectedName()));
        Button unlock = button("Unlock writes\u2026", notGuarded, () -> showUnlockDialog(root));
        Button lock = button("Lock", notGuarded, () -> model.lock(selectedName()));
        Button remove = button("Remove", Bindings.or(none, notLab.not()), () -> model.remove(selectedName()));
        remove.getStyleClass().add("danger");
        HBox adding = new HBox(8, add, newLab);
        HBox onSelected = new HBox(8, use, test, start, stop, unlock, lock, remove);
        for (HBox group : List.of(adding, onSelected)) {
            group.setAlignment(Pos.CENTER_LEFT);
            group.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));
        }
        // The buttons for the selected target go to a second line rather than lose their words.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(24, 8, adding, onSelected);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label testResult = new Label();
        testResult.setWrapText(true);
        testResult.setMinHeight(Region.USE_PREF_SIZE);
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

        root = new VBox(14, actions, addFormCard(), testResult, testDetails, table);
        root.getStylesheets()
                .add(java.util.Objects.requireNonNull(
                                TargetsView.class.getResource("/io/miglab/app/targets/targets.css"))
                        .toExternalForm());
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
        // The list keeps room for a few rows; when the open form leaves less, the page scrolls instead.
        table.setMinHeight(170);
        scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("page-scroll");
    }

    public Node root() {
        return scroll;
    }

    /** Ctrl+Enter: in the open form, Save after a passed test, else Test; otherwise test the selected target. */
    @Override
    public void runPrimaryAction() {
        AddTargetForm form = model.addForm();
        if (model.addFormOpenProperty().get()) {
            if (form.canSaveProperty().get()) {
                form.save();
            } else {
                form.test();
            }
        } else if (selectedName() != null) {
            model.test(selectedName());
        }
    }

    /** Esc: closes the add-target form, forgetting what it held. */
    @Override
    public void cancelRunningJob() {
        if (model.addFormOpenProperty().get()) {
            model.closeAddForm();
        }
    }

    @Override
    public void focusFirst() {
        if (model.addFormOpenProperty().get()) {
            nameField.requestFocus();
        } else {
            table.requestFocus();
        }
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

    /** The "Add target" form, shown above the list while open: Test, then Save. */
    private Node addFormCard() {
        AddTargetForm form = model.addForm();
        Label heading = new Label("Add a target");
        heading.getStyleClass().add("title-4");

        nameField = field(form.nameProperty(), "prod-replica", 12);
        TextField url = field(form.urlProperty(), "jdbc:postgresql://host:5432/database?user=me", 30);
        TextField host = field(form.hostProperty(), "db.example.com", 20);
        TextField port = field(form.portProperty(), "5432", 6);
        TextField database = field(form.databaseProperty(), "app", 16);
        TextField user = field(form.userProperty(), System.getProperty("user.name"), 14);
        ComboBox<String> ssl = new ComboBox<>();
        ssl.getItems().setAll(AddTargetForm.SSL_MODES);
        ssl.valueProperty().bindBidirectional(form.sslModeProperty());
        ssl.setId("add-ssl");
        PasswordField password = new PasswordField();
        password.setId("add-password");
        password.setPromptText("only for the test");
        password.setPrefColumnCount(14);
        password.textProperty().bindBidirectional(form.passwordProperty());

        ToggleButton guarded = new ToggleButton("Guarded (read-only)");
        guarded.setId("add-kind-guarded");
        guarded.setUserData(TargetRole.GUARDED);
        guarded.getStyleClass().add("left-pill");
        ToggleButton lab = new ToggleButton("Lab (full access)");
        lab.setId("add-kind-lab");
        lab.setUserData(TargetRole.LAB);
        lab.getStyleClass().add("right-pill");
        ToggleGroup kinds = new ToggleGroup();
        for (ToggleButton b : List.of(guarded, lab)) {
            b.setToggleGroup(kinds);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        kinds.selectToggle(form.roleProperty().get() == TargetRole.LAB ? lab : guarded);
        kinds.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // One kind stays chosen.
                kinds.selectToggle(old);
            } else {
                form.roleProperty().set((TargetRole) now.getUserData());
            }
        });
        form.roleProperty().addListener((obs, old, now) -> kinds.selectToggle(now == TargetRole.LAB ? lab : guarded));
        HBox kind = new HBox(guarded, lab);
        kind.getStyleClass().add("kind-choice");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        Label kindHint = new Label();
        kindHint.getStyleClass().addAll("text-muted", "text-small");
        kindHint.setWrapText(true);
        kindHint.textProperty()
                .bind(Bindings.when(form.roleProperty().isEqualTo(TargetRole.LAB))
                        .then("A lab target is a scratch server you may change freely: no guard, no unlock.")
                        .otherwise("A guarded target is someone's real database: read-only until you unlock"
                                + " writes on this page, and every unlock is recorded."));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        ColumnConstraints labels2 = new ColumnConstraints();
        labels2.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields2 = new ColumnConstraints();
        fields2.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields, labels2, fields2);
        int row = 0;
        grid.addRow(row++, new Label("Name"), nameField, new Label("URL"), url);
        errorRow(grid, row, 1, 1, form.nameErrorProperty(), "add-name-error");
        row = errorRow(grid, row, 3, 1, form.urlErrorProperty(), "add-url-error");
        grid.addRow(row++, new Label("Host"), host, new Label("Port"), port);
        errorRow(grid, row, 1, 1, form.hostErrorProperty(), "add-host-error");
        row = errorRow(grid, row, 3, 1, form.portErrorProperty(), "add-port-error");
        grid.addRow(row++, new Label("Database"), database, new Label("User"), user);
        row = errorRow(grid, row, 1, 1, form.databaseErrorProperty(), "add-database-error");
        grid.addRow(row++, new Label("SSL mode"), ssl, new Label("Password"), password);
        Label passwordHint = new Label(AddTargetForm.PASSWORD_HINT);
        passwordHint.getStyleClass().addAll("text-muted", "text-small");
        passwordHint.setWrapText(true);
        passwordHint.setMinHeight(Region.USE_PREF_SIZE);
        grid.add(passwordHint, 1, row++, 3, 1);
        grid.add(new Label("Kind"), 0, row);
        kindHint.setMinHeight(Region.USE_PREF_SIZE);
        kindHint.setMinWidth(0);
        kindHint.setMaxWidth(Double.MAX_VALUE);
        HBox kindRow = new HBox(12, kind, kindHint);
        kindRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(kindHint, Priority.ALWAYS);
        grid.add(kindRow, 1, row++, 3, 1);
        for (Node n : grid.getChildren()) {
            GridPane.setMargin(n, new Insets(2, 0, 2, 0));
        }

        Label notice = new Label();
        notice.getStyleClass().addAll("text-warning", "text-small");
        notice.setWrapText(true);
        notice.textProperty().bind(form.noticeProperty());
        notice.visibleProperty().bind(form.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label result = new Label();
        result.setId("add-test-result");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.getStyleClass().add("test-result");
        result.visibleProperty().bind(form.testResultProperty().isNotNull());
        result.managedProperty().bind(result.visibleProperty());
        form.testResultProperty().addListener((obs, old, check) -> showCheck(result, check));

        Button test = new Button("Test");
        test.setId("add-test");
        test.getStyleClass().add("accent");
        test.disableProperty().bind(form.validProperty().not().or(form.testingProperty()));
        test.setOnAction(e -> form.test());
        Button save = new Button("Save");
        save.setId("add-save");
        save.getStyleClass().add("success");
        save.disableProperty().bind(form.canSaveProperty().not());
        save.setOnAction(e -> form.save());
        Button saveUntested = new Button("Save without test");
        saveUntested.setId("add-save-untested");
        saveUntested.getStyleClass().add("button-outlined");
        saveUntested.disableProperty().bind(form.validProperty().not().or(form.testingProperty()));
        saveUntested.setOnAction(e -> form.saveWithoutTest());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(e -> model.closeAddForm());
        Label testing = new Label("Testing\u2026");
        testing.getStyleClass().add("text-muted");
        testing.visibleProperty().bind(form.testingProperty());
        HBox buttons = new HBox(8, test, save, saveUntested, cancel, testing);
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(10, heading, grid, notice, result, buttons);
        card.getStyleClass().add("card-box");
        card.setId("add-target-form");
        card.visibleProperty().bind(model.addFormOpenProperty());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static TextField field(javafx.beans.property.StringProperty value, String prompt, int columns) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        // The form may rewrite a value while the field's own edit is being applied (a password taken out of a
        // URL); a bidirectional binding ignores that nested change, so the field catches up just after.
        value.addListener((obs, old, now) -> {
            if (now != null && !now.equals(f.getText())) {
                javafx.application.Platform.runLater(() -> f.setText(value.get()));
            }
        });
        return f;
    }

    /** A red line under a field with lab-core's message, taking room only while there is one. */
    private static int errorRow(
            GridPane grid, int row, int column, int span, javafx.beans.value.ObservableStringValue error, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll("text-danger", "text-small");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(error);
        label.visibleProperty().bind(Bindings.isNotEmpty(error));
        label.managedProperty().bind(label.visibleProperty());
        grid.add(label, column, row, span, 1);
        return row + 1;
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

    /** Running / stopped / reachable / unreachable / test failed, as a coloured dot and words; details on hover. */
    private static final class StateCell extends TableCell<TargetRow, String> {
        private static final List<String> KINDS = List.of(
                "cell-running",
                "cell-stopped",
                "cell-reachable",
                "cell-unreachable",
                "cell-test-failed",
                "cell-checking");

        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            getStyleClass().removeAll(KINDS);
            TargetRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || state == null || row == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText("\u25cf " + state);
            getStyleClass().add("cell-" + row.stateKind());
            setTooltip(row.stateDetails().isEmpty() ? null : new Tooltip(row.stateDetails()));
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
            setTooltip(null);
            if (row != null && row.unlocked()) {
                getStyleClass().add("cell-unlocked");
                setTooltip(new Tooltip(row.unlockDetails()));
            }
        }
    }
}
