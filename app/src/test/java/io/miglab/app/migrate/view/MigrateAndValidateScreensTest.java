package io.miglab.app.migrate.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.migrate.MigrateViewModel;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.app.validate.ValidateViewModel;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.validate.RowDifference;
import io.miglab.core.validate.TableParity;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Migrate and Validate steps in the shell, headless, on the machine's PostgreSQL 15: a database of customers and
 * orders moved into another with parallel COPY, then four loaders raced in a matrix, then a few rows of the copy
 * changed and found by Validate, side by side; photographed light and dark at 1440x900.
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class MigrateAndValidateScreensTest {
    static final int ORDERS = 300_000;

    @TempDir
    static Path home;

    static ScratchDatabase source;
    static String copy;
    static ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) {
        source = ScratchDatabase.create("migrate_screens");
        source.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text UNIQUE)",
                "INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com'"
                        + " FROM generate_series(1, 20000) g",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
                        + " placed_at timestamptz NOT NULL, total numeric(10,2), note text)",
                "INSERT INTO orders SELECT g, 1 + g % 20000, timestamptz '2025-01-01' + g * interval '1 minute',"
                        + " (g % 5000) / 7.0, CASE WHEN g % 3 = 0 THEN 'gift' END FROM generate_series(1, " + ORDERS
                        + ") g",
                "CREATE INDEX orders_customer ON orders (customer_id, placed_at)",
                "ANALYZE");
        copy = source.name() + "_copy";
        Workspace workspace = Workspace.open(new MigLabHome(home), Map.of());
        for (String name : new String[] {"shop", "replica"}) {
            workspace
                    .targets()
                    .add(
                            name,
                            new ConnectionSpec(
                                    ScratchDatabase.HOST,
                                    ScratchDatabase.PORT,
                                    name.equals("shop") ? source.name() : "postgres",
                                    ScratchDatabase.USER,
                                    "disable",
                                    Map.of()),
                            TargetRole.LAB);
        }
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1440, 900);
        window.installShortcuts(scene, Theme.LIGHT);
        stage.setScene(scene);
        // The test stage is shared across test classes: an earlier one may have left it at another size.
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    @AfterAll
    static void cleanUp() {
        if (services != null) {
            services.workspace().labInstances().stopStartedHere();
            services.close();
        }
        if (source != null) {
            source.execute("DROP DATABASE IF EXISTS \"" + copy + "\" WITH (FORCE)");
            source.close();
        }
    }

    @Test
    void aLoadAMatrixAndTheRowsThatDifferAfterwards(FxRobot robot) throws Exception {
        robot.interact(() -> services.targets().makeCurrent("shop"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.database().databases().contains(source.name()));
        robot.interact(() -> services.database().choose(source.name()));
        robot.interact(() -> window.show("step:migrate"));
        MigrateViewModel migrate = services.migrate();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "replica"
                .equals(migrate.destinationProperty().get()));
        robot.interact(() -> {
            migrate.destinationDatabaseProperty().set(copy);
            migrate.loaderChoices().forEach(c -> c.selected().set(c.kind() == LoaderKind.COPY_PARALLEL));
            migrate.workersProperty().set(2);
        });
        runConfirmed(robot, migrate);
        WaitForAsyncUtils.waitFor(
                180, TimeUnit.SECONDS, () -> migrate.summaryProperty().get().contains("Experiment #"));
        assertThat(migrate.loadTables())
                .extracting(t -> t.table() + " " + t.rows())
                .containsExactlyInAnyOrder("public.customers 20000", "public.orders " + ORDERS);
        assertThat(migrate.live()).isNotEmpty();
        shoot(robot, "migrate-load-1440x900");

        robot.interact(() -> {
            Set<LoaderKind> raced = Set.of(
                    LoaderKind.INSERT_MULTIROW, LoaderKind.COPY_TEXT, LoaderKind.COPY_BINARY, LoaderKind.COPY_PARALLEL);
            migrate.loaderChoices().forEach(c -> c.selected().set(raced.contains(c.kind())));
            migrate.repeatsProperty().set(2);
            migrate.dropIndexesProperty().set(true);
        });
        runConfirmed(robot, migrate);
        WaitForAsyncUtils.waitFor(
                600, TimeUnit.SECONDS, () -> migrate.summaryProperty().get().startsWith("Fastest: "));
        assertThat(migrate.matrixRows()).hasSize(4).allSatisfy(r -> assertThat(r.seconds())
                .hasSize(2));
        assertThat(migrate.matrixRows().get(0).medianSeconds())
                .isLessThanOrEqualTo(migrate.matrixRows().get(3).medianSeconds());
        shoot(robot, "migrate-matrix-1440x900");

        // The last run left a faithful copy; change it a little, then validate it against the source.
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + copy,
                        ScratchDatabase.USER,
                        "");
                Statement st = c.createStatement()) {
            st.execute("UPDATE orders SET total = 0, note = 'refunded' WHERE id IN (1200, 250000)");
            st.execute("DELETE FROM orders WHERE id = 77");
            st.execute("INSERT INTO orders VALUES (900001, 5, now(), 1.00, 'late')");
        }
        robot.interact(() -> services.targets().makeCurrent("replica"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.database().databases().contains(copy));
        robot.interact(() -> services.database().choose(copy));
        robot.interact(() -> window.show("step:validate"));
        ValidateViewModel validate = services.validate();
        robot.interact(() -> {
            validate.sourceProperty().set("shop");
            validate.sourceDatabaseProperty().set(source.name());
        });
        robot.interact(validate::validate);
        // The FX thread sets the report, then its rows: wait for the rows.
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> validate.tableRows().size() == 2);
        TableParity orders = validate.tableRows().get(0);
        assertThat(orders.table()).isEqualTo("public.orders");
        assertThat(orders.differences()).hasSize(4);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !validate.rowValues().isEmpty());
        RowDifference changed = orders.differences().stream()
                .filter(d -> d.key().equals(java.util.List.of("1200")))
                .findFirst()
                .orElseThrow();
        assertThat(changed.kind()).isEqualTo(RowDifference.Kind.CHANGED);
        robot.interact(() -> validate.selectedDifferenceProperty().set(changed));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(validate.rowValues())
                .filteredOn(ValidateViewModel.ColumnValues::differs)
                .extracting(ValidateViewModel.ColumnValues::column)
                .containsExactly("total", "note");
        shoot(robot, "validate-differences-1440x900");

        // The upgrade rehearsal: the shop's database (PostgreSQL 15) into a lab instance on 16, with a workload of
        // its own for the two baselines.
        Path workload = home.resolve("shop.sql");
        java.nio.file.Files.writeString(
                workload,
                "-- name: customer_orders\nSELECT count(*), sum(total) FROM orders WHERE customer_id = 42;\n\n"
                        + "-- name: recent_orders\nSELECT id, total FROM orders ORDER BY placed_at DESC LIMIT 20;\n");
        robot.interact(() -> services.baseline().loadWorkloadFile(workload));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> services.baseline().workloadProperty().get() != null);
        robot.interact(() -> services.targets().makeCurrent("shop"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.database().databases().contains(source.name()));
        robot.interact(() -> services.database().choose(source.name()));
        robot.interact(() -> window.show("step:migrate"));
        io.miglab.app.migrate.UpgradeRehearsalViewModel upgrade = services.upgrade();
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> upgrade.offerProperty().get().startsWith("Available"));
        robot.interact(upgrade::rehearse);
        WaitForAsyncUtils.waitFor(
                600, TimeUnit.SECONDS, () -> !upgrade.summaryProperty().get().isEmpty());
        assertThat(upgrade.summaryProperty().get())
                .as(upgrade.summaryProperty().get())
                .startsWith("PASSED");
        assertThat(upgrade.steps())
                .extracting(io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step::name)
                .contains("dump", "restore", "validate", "compare");
        shoot(robot, "migrate-upgrade-1440x900");
    }

    /** Run, and press OK on the confirmation that the destination's tables are replaced. */
    private static void runConfirmed(FxRobot robot, MigrateViewModel model) throws Exception {
        robot.interact(() -> Platform.runLater(model::run));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog(robot) != null);
        Window confirm = dialog(robot);
        robot.interact(() -> ((Button) ((DialogPane) confirm.getScene().getRoot()).lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Window dialog(FxRobot robot) {
        return robot.listWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .findFirst()
                .orElse(null);
    }

    /** The page at the top and scrolled down, light then dark. */
    private void shoot(FxRobot robot, String name) {
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            String suffix = "-" + theme.preferenceValue() + ".png";
            scroll(robot, 0);
            ViewScreenshots.write(robot, name + suffix);
            scroll(robot, 1);
            ViewScreenshots.write(robot, name + "-scrolled" + suffix);
        }
        robot.interact(() -> window.useTheme(Theme.LIGHT));
        scroll(robot, 0);
    }

    private static void scroll(FxRobot robot, double where) {
        robot.interact(() -> robot.lookup(".page-scroll").queryAllAs(ScrollPane.class).stream()
                .filter(sp -> sp.getScene() != null && sp.getParent() != null)
                .forEach(sp -> {
                    sp.layout();
                    sp.setVvalue(where);
                }));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
