package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.MigLabHome;
import io.miglab.core.Workspace;
import io.miglab.core.plan.diff.StructuralChange;
import io.miglab.core.target.ConnectionSpec;
import io.miglab.core.target.TargetRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * The inspector headless, on a Pagila-shaped scratch database on the machine's PostgreSQL: capture a plan, look at
 * it as a graph and a tree, add an index, capture again and diff. Writes screenshots (to docs/screenshots with
 * {@code -Dmiglab.screenshots=...}).
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class PlanInspectorViewTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DB = "miglab_plan_fx_" + ProcessHandle.current().pid();
    private static final String QUERY = "SELECT c.first_name, c.last_name, count(*) AS rentals, max(r.rental_date)\n"
            + "FROM customer c JOIN rental r ON r.customer_id = c.customer_id\n"
            + "WHERE c.email = 'customer.42@example.com'\nGROUP BY c.first_name, c.last_name";

    @TempDir
    static Path home;

    static Workspace workspace;
    RecordingDialogs dialogs = new RecordingDialogs();
    PlanInspectorViewModel vm;
    PlanInspectorView view;

    @Start
    void start(Stage stage) throws Exception {
        createPagilaShapedDatabase();
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        workspace
                .targets()
                .add(
                        "pagila",
                        ConnectionSpec.parseUrl(SERVER + DB + "?user=postgres").spec(),
                        TargetRole.LAB);
        vm = new PlanInspectorViewModel(workspace, new SameThreadTaskRunner(), dialogs);
        view = new PlanInspectorView(vm, () -> "pagila");
        Scene scene = new Scene(new StackPane(view.root()), 1440, 900);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (workspace != null) {
            workspace.close();
        }
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    @Test
    void capturesShowsAndDiffsARealPlanBeforeAndAfterAnIndex(FxRobot robot) throws Exception {
        robot.interact(() -> vm.capture("pagila", QUERY, true, true, Duration.ofMinutes(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Plan recorded as experiment"));
        long before = vm.inspectedProperty().get().experimentId();
        assertThat(robot.lookup(".plan-node").queryAll()).hasSize(vm.rows().size());
        assertThat(vm.findings()).extracting(f -> f.code()).contains("selective-seq-scan");
        robot.interact(() -> vm.selectFinding(vm.findings().stream()
                .filter(f -> f.code().equals("selective-seq-scan"))
                .findFirst()
                .orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".plan-node.selected").queryAll()).hasSize(1);
        screenshot(robot, "plan-inspector.png");
        Path png = home.resolve("graph.png");
        robot.interact(() -> view.writePng(png));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);

        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "plan-inspector-tree.png");
        robot.interact(() -> tabs.getSelectionModel().select(0));

        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE INDEX rental_customer_id_idx ON rental (customer_id)");
            st.execute("CREATE INDEX customer_email_idx ON customer (email)");
            st.execute("ANALYZE");
        }
        robot.interact(() -> vm.capture("pagila", QUERY, true, true, Duration.ofMinutes(1)));
        robot.interact(vm::refreshCaptures);
        robot.interact(() -> vm.compareWithExperiment(before));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.diffProperty().get().changes())
                .extracting(StructuralChange::kind)
                .contains(StructuralChange.Kind.INDEX_NOW_USED, StructuralChange.Kind.NODE_TYPE_CHANGED);
        assertThat(vm.diffSummaryProperty().get()).contains("faster");
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Diff");
        assertThat(vm.captures()).hasSize(2);
        screenshot(robot, "plan-diff.png");

        robot.interact(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "plan-inspector-after-index.png");
    }

    private static void createPagilaShapedDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
        }
        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customer (customer_id int PRIMARY KEY, store_id int NOT NULL,"
                    + " first_name text NOT NULL, last_name text NOT NULL, email text)");
            st.execute("INSERT INTO customer SELECT g, 1 + g % 2, 'First' || g, 'Last' || (g % 997),"
                    + " 'customer.' || g || '@example.com' FROM generate_series(1, 6000) g");
            st.execute("CREATE TABLE rental (rental_id int PRIMARY KEY, rental_date timestamptz NOT NULL,"
                    + " inventory_id int NOT NULL, customer_id int NOT NULL REFERENCES customer,"
                    + " return_date timestamptz, staff_id int NOT NULL)");
            st.execute("INSERT INTO rental SELECT g, timestamptz '2022-01-01' + g * interval '97 seconds',"
                    + " 1 + (g * 13) % 4581, 1 + (g::bigint * 7919) % 6000, NULL, 1 + g % 2"
                    + " FROM generate_series(1, 400000) g");
            st.execute("VACUUM ANALYZE");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM rental")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(400_000);
            }
        }
    }

    private static void screenshot(FxRobot robot, String name) throws Exception {
        String folder = System.getProperty("miglab.screenshots");
        Path dir = folder == null ? home.resolve("screenshots") : Path.of(folder);
        Files.createDirectories(dir);
        Node root = robot.window(0).getScene().getRoot();
        robot.interact(() -> {
            try {
                ImageIO.write(
                        SwingFXUtils.fromFXImage(root.snapshot(null, null), null),
                        "png",
                        dir.resolve(name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(dir.resolve(name)).exists();
    }
}
