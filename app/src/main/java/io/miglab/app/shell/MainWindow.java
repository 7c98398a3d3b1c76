package io.miglab.app.shell;

import io.miglab.app.advisor.view.ConfigTuningView;
import io.miglab.app.advisor.view.IndexTuningView;
import io.miglab.app.dataset.view.DatasetView;
import io.miglab.app.goals.view.GoalsView;
import io.miglab.app.inventory.view.InventoryView;
import io.miglab.app.ledger.view.ExperimentsView;
import io.miglab.app.metrics.view.LiveMetricsView;
import io.miglab.app.migrate.view.MigrateView;
import io.miglab.app.plan.view.PlanInspectorView;
import io.miglab.app.playbook.StepItem;
import io.miglab.app.playbook.view.StepPage;
import io.miglab.app.sizing.view.SizingView;
import io.miglab.app.targets.view.TargetsView;
import io.miglab.app.validate.view.ValidateView;
import io.miglab.app.workload.view.BaselineView;
import io.miglab.core.playbook.StepStatus;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window: the target bar on top, the playbook rail on the left, the selected page in the centre and the
 * background tasks in the status bar.
 */
public final class MainWindow {
    /** Page keys besides the playbook steps. */
    public static final String TARGETS = "targets";

    public static final String EXPERIMENTS = "experiments";

    public static final String LIVE = "live";
    public static final String SCRIPT = "script";

    private final ShellServices services;
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final ListView<StepItem> steps = new ListView<>();
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleButton targetsButton = navButton("Targets", "Ctrl+T");
    private final ToggleButton experimentsButton = navButton("Experiments", "Ctrl+E");
    private final ToggleButton liveButton = navButton("Live metrics", "Ctrl+M");
    private final ToggleButton scriptButton = navButton("Script review", "Ctrl+L");
    private final Map<String, Node> pages = new HashMap<>();
    private final Map<String, PageActions> pageActions = new HashMap<>();
    private final StackPane window = new StackPane();
    private final StackPane overlay = new StackPane();
    private final CommandPalette palette;
    private final ShortcutSheet shortcutSheet = new ShortcutSheet();
    private String currentPage;
    private Scene scene;
    private Theme theme = Theme.LIGHT;

    public MainWindow(ShellServices services) {
        this.services = services;
        services.onNavigate(this::show);
        root.getStyleClass().add("miglab-shell");
        root.setTop(
                new TargetBar(services.targets(), this::show, this::openPalette, () -> useTheme(theme.other())).root());
        root.setLeft(rail());
        root.setCenter(centerWithOverlay());
        root.setBottom(new StatusBar(services.tasks(), services.dialogs(), services.workspace()).root());
        palette = new CommandPalette(this::commands, this::closeOverlay);
        overlay.getStyleClass().add("overlay-layer");
        overlay.setVisible(false);
        overlay.setOnMouseClicked(e -> {
            if (e.getTarget() == overlay) {
                closeOverlay();
            }
        });
        window.getChildren().setAll(root, overlay);
        services.experiments().setExportHandler(this::openExport);
        services.playbook().load();
        services.experiments().refresh();
        services.targets().refresh();
        steps.getSelectionModel().select(0);
    }

    public Parent root() {
        return window;
    }

    /** "Export for Jira" on an experiment (and its comparison): the export panel in a window of its own. */
    private void openExport(io.miglab.core.report.ReportRequest request) {
        io.miglab.app.report.ReportExportViewModel export = services.newReportExport();
        String heading = "Export for Jira: experiment "
                + request.experiments().stream().map(id -> "#" + id).collect(java.util.stream.Collectors.joining(", "))
                + (request.comparisons().isEmpty()
                        ? ""
                        : ", compared with #" + request.comparisons().get(0).before());
        io.miglab.app.report.view.ExportWindow.open(
                window.getScene() == null ? null : window.getScene().getWindow(),
                theme,
                heading,
                export,
                services.jiraSend(export));
        export.prepare(request);
    }

    /** The theme shown now. */
    public Theme theme() {
        return theme;
    }

    /** Shows {@code chosen} and remembers it for the next start. */
    public void useTheme(Theme chosen) {
        theme = chosen;
        if (scene != null) {
            chosen.applyTo(scene);
        }
        services.runner()
                .submit(
                        "Remembering the " + chosen.label().toLowerCase(java.util.Locale.ROOT) + " theme",
                        (progress, cancellation) -> {
                            services.workspace().preferences().put(Theme.PREFERENCE, chosen.preferenceValue());
                            return chosen;
                        },
                        done -> {},
                        failure -> services.dialogs()
                                .notify("The theme could not be remembered: "
                                        + io.miglab.app.task.Errors.userMessage(failure)));
    }

    /** Opens the Ctrl+K palette. */
    public void openPalette() {
        showOverlay(palette.root());
        palette.prepare();
    }

    /** Opens the F1 shortcut sheet, or closes it when it is open. */
    public void toggleShortcutSheet() {
        if (overlay.isVisible() && overlay.getChildren().contains(shortcutSheet.root())) {
            closeOverlay();
        } else {
            showOverlay(shortcutSheet.root());
        }
    }

    /** Whether the palette or the shortcut sheet is open. */
    public boolean overlayOpen() {
        return overlay.isVisible();
    }

    /** What Ctrl+Enter and Esc reach on the page shown, if the page has a keyboard side. */
    public java.util.Optional<PageActions> currentActions() {
        return java.util.Optional.ofNullable(currentPage == null ? null : pageActions.get(currentPage));
    }

    private void showOverlay(Node content) {
        Region scrim = new Region();
        scrim.getStyleClass().add("overlay-scrim");
        scrim.setMouseTransparent(true);
        overlay.getChildren().setAll(scrim, content);
        overlay.setVisible(true);
    }

    private void closeOverlay() {
        overlay.setVisible(false);
        overlay.getChildren().clear();
        currentActions().ifPresent(PageActions::focusFirst);
    }

    /** The palette's entries: every step, the lab pages, the page's actions, the theme and the shortcut sheet. */
    private java.util.List<CommandPalette.Command> commands() {
        java.util.List<CommandPalette.Command> all = new java.util.ArrayList<>();
        for (StepItem item : services.playbook().steps()) {
            String keys = item.number() <= 9 ? "Ctrl+" + item.number() : "";
            all.add(new CommandPalette.Command(
                    "Step " + item.number() + ": " + item.step().title() + "  \u00b7  "
                            + item.status().label(),
                    keys,
                    () -> steps.getSelectionModel().select(item)));
        }
        all.add(new CommandPalette.Command("Targets", "Ctrl+T", () -> show(TARGETS)));
        all.add(new CommandPalette.Command("Experiments", "Ctrl+E", () -> show(EXPERIMENTS)));
        all.add(new CommandPalette.Command("Live metrics (kubectl top with history)", "Ctrl+M", () -> show(LIVE)));
        all.add(new CommandPalette.Command(
                "Script review (lint a data-migration script)", "Ctrl+L", () -> show(SCRIPT)));
        currentActions().ifPresent(actions -> {
            all.add(new CommandPalette.Command("Run this page's main action", "Ctrl+Enter", actions::runPrimaryAction));
            all.add(new CommandPalette.Command("Cancel this page's running job", "Esc", actions::cancelRunningJob));
        });
        all.add(new CommandPalette.Command(
                "Switch to the " + theme.other().label().toLowerCase(java.util.Locale.ROOT) + " theme",
                "Ctrl+Shift+D",
                () -> useTheme(theme.other())));
        all.add(new CommandPalette.Command("Check the targets and reload the experiments", "F5", this::reload));
        all.add(new CommandPalette.Command("Keyboard shortcuts", "F1", this::toggleShortcutSheet));
        return all;
    }

    private void reload() {
        services.targets().refresh();
        services.experiments().refresh();
    }

    private void moveStep(int by) {
        int size = steps.getItems().size();
        if (size == 0) {
            return;
        }
        int now = steps.getSelectionModel().getSelectedIndex();
        int next = now < 0 ? (by > 0 ? 0 : size - 1) : Math.floorMod(now + by, size);
        steps.getSelectionModel().select(next);
        steps.scrollTo(next);
    }

    /** The key of the page shown now: a step id, {@link #TARGETS} or {@link #EXPERIMENTS}. */
    public String currentPage() {
        return currentPage;
    }

    /** Shows a page by key. */
    public void show(String key) {
        if (TARGETS.equals(key)) {
            targetsButton.setSelected(true);
        } else if (EXPERIMENTS.equals(key)) {
            experimentsButton.setSelected(true);
        } else if (LIVE.equals(key)) {
            liveButton.setSelected(true);
        } else if (SCRIPT.equals(key)) {
            scriptButton.setSelected(true);
        } else {
            String stepId = key.startsWith("step:") ? key.substring(5) : key;
            services.playbook().steps().stream()
                    .filter(s -> s.step().id().equals(stepId))
                    .findFirst()
                    .ifPresent(s -> steps.getSelectionModel().select(s));
        }
    }

    /**
     * Ctrl+1..9 open steps, Ctrl+PgDn/PgUp the next or previous one, Ctrl+T targets, Ctrl+E experiments, Ctrl+K the
     * palette, F1 the shortcut sheet, Ctrl+Enter and Esc the page's action and cancel, Ctrl+Shift+D the theme, F5
     * reloads, Ctrl+Q quits. Ctrl+Enter, Esc, F1 and Ctrl+K are taken before the focused control sees them, so a
     * query box cannot swallow them.
     */
    public void installShortcuts(Scene scene, Theme shown) {
        this.scene = scene;
        this.theme = shown;
        shown.applyTo(scene);
        for (int i = 1; i <= 9; i++) {
            int index = i - 1;
            scene.getAccelerators()
                    .put(
                            new KeyCodeCombination(
                                    KeyCode.getKeyCode(Integer.toString(i)), KeyCombination.SHORTCUT_DOWN),
                            () -> {
                                if (index < steps.getItems().size()) {
                                    steps.getSelectionModel().select(index);
                                    steps.requestFocus();
                                }
                            });
        }
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> show(TARGETS));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> show(EXPERIMENTS));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), () -> show(LIVE));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> show(SCRIPT));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN), () -> moveStep(1));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN), () -> moveStep(-1));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        () -> useTheme(theme.other()));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                        javafx.application.Platform::exit);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::reload);
        KeyCombination run = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        KeyCombination paletteKey = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F1) {
                toggleShortcutSheet();
                e.consume();
            } else if (paletteKey.match(e)) {
                openPalette();
                e.consume();
            } else if (overlayOpen()) {
                if (e.getCode() == KeyCode.ESCAPE) {
                    closeOverlay();
                    e.consume();
                }
            } else if (run.match(e)) {
                currentActions().ifPresent(PageActions::runPrimaryAction);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown()) {
                currentActions().ifPresent(PageActions::cancelRunningJob);
            }
        });
    }

    /** {@link #installShortcuts(Scene, Theme)} with the light theme. */
    public void installShortcuts(Scene scene) {
        installShortcuts(scene, Theme.LIGHT);
    }

    private Node rail() {
        Label heading = new Label("PLAYBOOK");
        heading.getStyleClass().add("rail-heading");
        Label title = new Label(services.playbook().playbook().title());
        title.getStyleClass().add("rail-title");
        title.setWrapText(true);
        ProgressBar done = new ProgressBar();
        done.setMaxWidth(Double.MAX_VALUE);
        done.getStyleClass().add("rail-progress");
        Label doneText = new Label();
        doneText.getStyleClass().addAll("text-muted", "text-small");
        Runnable updateDone = () -> {
            long finished = services.playbook().finishedCount();
            int total = services.playbook().steps().size();
            done.setProgress(total == 0 ? 0 : (double) finished / total);
            doneText.setText(finished + " of " + total + " steps done");
        };
        for (StepItem item : services.playbook().steps()) {
            item.statusProperty().addListener((obs, old, now) -> {
                updateDone.run();
                steps.refresh();
            });
        }
        updateDone.run();

        steps.setItems(services.playbook().steps());
        steps.setCellFactory(list -> new StepCell());
        steps.getStyleClass().add("rail-steps");
        VBox.setVgrow(steps, Priority.ALWAYS);
        steps.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                tools.selectToggle(null);
                String key = "step:" + item.step().id();
                showPage(key, () -> new StepPage(item, services.playbook(), stepTools(key, item)).root());
            }
        });

        targetsButton.setToggleGroup(tools);
        experimentsButton.setToggleGroup(tools);
        liveButton.setToggleGroup(tools);
        scriptButton.setToggleGroup(tools);
        tools.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == targetsButton) {
                steps.getSelectionModel().clearSelection();
                showPage(TARGETS, () -> page(TARGETS, new TargetsView(services.targets()), TargetsView::root));
            } else if (toggle == experimentsButton) {
                steps.getSelectionModel().clearSelection();
                showPage(
                        EXPERIMENTS,
                        () -> page(EXPERIMENTS, new ExperimentsView(services.experiments()), ExperimentsView::root));
            } else if (toggle == liveButton) {
                steps.getSelectionModel().clearSelection();
                showPage(LIVE, () -> page(LIVE, new LiveMetricsView(services.liveMetrics()), LiveMetricsView::root));
            } else if (toggle == scriptButton) {
                steps.getSelectionModel().clearSelection();
                showPage(
                        SCRIPT,
                        () -> page(
                                SCRIPT,
                                new io.miglab.app.migration.view.ScriptReviewView(
                                        services.scriptReview(), (plan, source) -> {
                                            services.plans().openText(plan, source);
                                            show("explain");
                                        }),
                                io.miglab.app.migration.view.ScriptReviewView::root));
            }
        });
        Label toolsHeading = new Label("LAB");
        toolsHeading.getStyleClass().add("rail-heading");
        VBox toolBox = new VBox(4, toolsHeading, targetsButton, experimentsButton, liveButton, scriptButton);
        toolBox.setPadding(new Insets(12, 0, 0, 0));

        VBox rail = new VBox(6, heading, title, done, doneText, steps, toolBox);
        rail.getStyleClass().add("rail");
        rail.setPrefWidth(264);
        rail.setMinWidth(220);
        return rail;
    }

    /**
     * The tools a step's page shows under its header, by the step's page name. Features register their screens
     * here as they arrive.
     */
    private Node stepTools(String key, StepItem item) {
        return switch (item.step().page()) {
            case "goals" -> page(key, new GoalsView(services.goals()), GoalsView::root);
            case "targets" -> page(key, new TargetsView(services.targets(), false), TargetsView::root);
            case "dataset" -> page(key, new DatasetView(services.dataset()), DatasetView::root);
            case "inventory" -> page(key, new InventoryView(services.inventory()), InventoryView::root);
            case "baseline" -> page(key, new BaselineView(services.baseline(), services.abTest()), BaselineView::root);
            case "indexes" -> page(key, new IndexTuningView(services.indexTuning()), IndexTuningView::root);
            case "explain" -> page(
                    key,
                    new PlanInspectorView(
                            services.plans(),
                            () -> services.targets().currentProperty().get()),
                    PlanInspectorView::root);
            case "migrate" -> page(
                    key,
                    new MigrateView(services.migrate(), services.upgrade(), () -> show(SCRIPT)),
                    MigrateView::root);
            case "sizing" -> page(key, new SizingView(services.sizing(), services.jobExperiments()), SizingView::root);
            case "validate" -> page(key, new ValidateView(services.validate()), ValidateView::root);
            case "config" -> page(key, new ConfigTuningView(services.configTuning()), ConfigTuningView::root);
            case "report" -> page(
                    key,
                    new io.miglab.app.report.view.ReportStepView(
                            services.reportStep(),
                            services.jiraSend(services.reportStep().export())),
                    io.miglab.app.report.view.ReportStepView::root);
            default -> null;
        };
    }

    /** A page's view: its node, and its keyboard side when it has one. */
    private <V> Node page(String key, V view, java.util.function.Function<V, Node> root) {
        if (view instanceof PageActions actions) {
            pageActions.put(key, actions);
        }
        return root.apply(view);
    }

    /**
     * The page host, with a banner while the lab instance starts. The banner does not cover the pages: the goals,
     * the targets and the recorded experiments are usable at once, and only work on the lab waits for it.
     */
    private Node centerWithOverlay() {
        center.getStyleClass().add("page-host");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.setMaxSize(18, 18);
        Label message = new Label();
        message.textProperty().bind(services.targets().startupMessageProperty());
        message.getStyleClass().add("startup-message");
        Label detail = new Label("Pages that need it wait for it; everything else works now."
                + " The very first start unpacks PostgreSQL and creates the cluster, which takes longer.");
        detail.getStyleClass().addAll("text-muted", "text-small");
        detail.setWrapText(true);
        HBox.setHgrow(detail, Priority.ALWAYS);
        HBox banner = new HBox(10, spinner, message, detail);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("startup-banner");
        banner.visibleProperty().bind(Bindings.isNotEmpty(services.targets().startupMessageProperty()));
        banner.managedProperty().bind(banner.visibleProperty());
        VBox.setVgrow(center, Priority.ALWAYS);
        return new VBox(banner, center);
    }

    private void showPage(String key, java.util.function.Supplier<Node> factory) {
        currentPage = key;
        Node page = pages.computeIfAbsent(key, k -> {
            Node created = factory.get();
            if (k.equals(TARGETS) || k.equals(EXPERIMENTS) || k.equals("step:targets")) {
                return created;
            }
            ScrollPane scroll = new ScrollPane(created);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("page-scroll");
            return scroll;
        });
        center.getChildren().setAll(page);
        if (EXPERIMENTS.equals(key)) {
            services.experiments().refresh();
        }
    }

    private static ToggleButton navButton(String text, String shortcut) {
        ToggleButton button = new ToggleButton(text);
        button.getStyleClass().add("nav-button");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setTooltip(new javafx.scene.control.Tooltip(text + " (" + shortcut + ")"));
        return button;
    }

    /** A rail row: a numbered badge coloured by status, the title, and the status in words. */
    private static final class StepCell extends ListCell<StepItem> {
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label status = new Label();
        private final HBox row;

        StepCell() {
            badge.getStyleClass().add("step-badge");
            badge.setMinSize(26, 26);
            badge.setAlignment(Pos.CENTER);
            title.getStyleClass().add("step-title");
            status.getStyleClass().add("step-status");
            VBox text = new VBox(1, title, status);
            row = new HBox(10, badge, text);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(StepItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            StepStatus s = item.status();
            badge.setText(s == StepStatus.DONE ? "\u2713" : Integer.toString(item.number()));
            badge.getStyleClass().removeIf(c -> c.startsWith("status-"));
            badge.getStyleClass()
                    .add("status-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            title.setText(item.step().title());
            status.setText(s.label());
            setGraphic(row);
        }
    }
}
