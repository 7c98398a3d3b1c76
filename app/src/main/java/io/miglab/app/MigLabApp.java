package io.miglab.app;

import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app. The window shows at once; the MigLab home (ledger, lab instances) opens on a background thread,
 * then the shell replaces the splash and starts the default lab instance. Closing the window stops the lab
 * instances this app started.
 */
public final class MigLabApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(MigLabApp.class);

    private ShellServices services;

    /** The home being opened since before the toolkit started, when the launcher got there first. */
    private static volatile CompletableFuture<Opened> openedEarly;

    /** Opens the window; blocks until it closes. {@code args} may carry {@code --home DIR}. */
    static void launchWindow(String[] args) {
        // The ledger opens while JavaFX starts (about two seconds), not after it.
        openedEarly = openInBackground(MigLabHome.resolve(homeArgument(List.of(args)), System.getenv()));
        Application.launch(MigLabApp.class, args);
    }

    /** Opens the home on its own thread, then loads the shell's classes so the FX thread finds them ready. */
    private static CompletableFuture<Opened> openInBackground(MigLabHome home) {
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        Workspace workspace = Workspace.open(home, System.getenv());
                        opened.complete(new Opened(
                                workspace,
                                Theme.fromPreference(workspace.preferences().get(Theme.PREFERENCE))));
                    } catch (Throwable e) {
                        opened.completeExceptionally(e);
                        return;
                    }
                    preloadShellClasses();
                },
                "miglab-open-home");
        opener.setDaemon(true);
        opener.start();
        return opened;
    }

    /** Loads (without initialising) the classes the first screen needs; a miss only costs time later. */
    private static void preloadShellClasses() {
        for (String name : List.of(
                "io.miglab.app.shell.ShellServices",
                "io.miglab.app.shell.MainWindow",
                "io.miglab.app.shell.TargetBar",
                "io.miglab.app.shell.StatusBar",
                "io.miglab.app.playbook.view.StepPage",
                "io.miglab.app.goals.view.GoalsView",
                "io.miglab.app.targets.TargetsViewModel",
                "io.miglab.app.workload.BaselineViewModel",
                "io.miglab.app.plan.PlanInspectorViewModel",
                "io.miglab.app.inventory.InventoryViewModel",
                "io.miglab.app.ledger.ExperimentsViewModel",
                "org.controlsfx.control.SearchableComboBox",
                "org.controlsfx.control.Notifications")) {
            try {
                Class.forName(name, false, MigLabApp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Not preloaded: {}", name);
            }
        }
    }

    @Override
    public void start(Stage stage) {
        MigLabHome home = MigLabHome.resolve(homeArgument(getParameters().getRaw()), System.getenv());

        Label opening = new Label("Opening " + home.root());
        opening.getStyleClass().add("text-muted");
        VBox splash = new VBox(16, new ProgressIndicator(), opening);
        splash.setAlignment(Pos.CENTER);
        StackPane root = new StackPane(splash);
        Scene scene = new Scene(root, 1360, 860);
        Theme.apply(scene);
        stage.setTitle("MigLab");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();

        CompletableFuture<Opened> open = openedEarly != null ? openedEarly : openInBackground(home);
        open.whenComplete((opened, error) -> Platform.runLater(() -> {
            if (error != null) {
                LOG.error("Cannot open the MigLab home {}", home.root(), error);
                opening.setText(io.miglab.app.task.Errors.userMessage(error));
                opening.getStyleClass().setAll("label", "text-danger");
                splash.getChildren().remove(0);
                return;
            }
            services = ShellServices.create(opened.workspace(), stage);
            ShellServices created = services;
            // A terminated app (SIGTERM, logout) still stops the servers it started.
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "miglab-stop-lab-instances"));
            MainWindow window = new MainWindow(services);
            root.getChildren().setAll(window.root());
            window.installShortcuts(scene, opened.theme());
            // The lab instance starts in the background; the window says so and is usable meanwhile.
            services.targets().startDefaultLab();
            LOG.info(
                    "Window ready {} ms after the JVM started",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        }));
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }

    /** The opened home and the theme remembered in it. */
    private record Opened(Workspace workspace, Theme theme) {}

    static Path homeArgument(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--home") && i + 1 < args.size()) {
                return Path.of(args.get(i + 1));
            }
            if (arg.startsWith("--home=")) {
                return Path.of(arg.substring("--home=".length()));
            }
        }
        return null;
    }
}
