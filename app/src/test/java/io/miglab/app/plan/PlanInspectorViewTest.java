package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.ViewScreenshots;
import io.miglab.app.plan.view.PlanInspectorView;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.plan.diff.StructuralChange;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
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
 * The inspector headless, on generated Pagila in a scratch database on the machine's PostgreSQL: capture a plan,
 * look at it as a graph and a tree, add an index, capture again and diff. Writes screenshots (to docs/screenshots with
 * {@code -Dmiglab.screenshots=...}).
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
@io.miglab.core.testing.NeedsMachinePostgres
class PlanInspectorViewTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DB = "miglab_plan_fx_" + ProcessHandle.current().pid();
    private static final String QUERY = "SELECT f.title, r.rental_date, r.return_date\n"
            + "FROM rental r JOIN inventory i USING (inventory_id) JOIN film f USING (film_id)\n"
            + "WHERE r.customer_id = 42\nORDER BY r.rental_date DESC";

    @TempDir
    static Path home;

    static Workspace workspace;
    RecordingDialogs dialogs = new RecordingDialogs();
    PlanInspectorViewModel vm;
    PlanInspectorView view;

    @Start
    void start(Stage stage) throws Exception {
        io.miglab.core.testing.MachineServices.assumePostgres();
        createPagilaShapedDatabase();
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        workspace
                .targets()
                .add(
                        "pagila",
                        ConnectionSpec.parseUrl(SERVER + DB + "?user=postgres").spec(),
                        TargetRole.LAB);
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        io.miglab.app.targets.DatabaseChoice database = new io.miglab.app.targets.DatabaseChoice(
                workspace.targets(), runner, new javafx.beans.property.SimpleStringProperty("pagila"));
        database.refresh();
        vm = new PlanInspectorViewModel(workspace.explains(), database, runner, dialogs);
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
        io.miglab.core.testing.MachineServices.assumePostgres();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("DROP DATABASE IF EXISTS " + DB + "_loading WITH (FORCE)");
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
        ViewScreenshots.write(robot, "plan-inspector.png");
        Path png = home.resolve("graph.png");
        robot.interact(() -> view.writePng(png));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);

        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        ViewScreenshots.write(robot, "plan-inspector-tree.png");
        robot.interact(() -> tabs.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        ViewScreenshots.write(robot, "explain-capture-query.png");
        robot.interact(() -> tabs.getSelectionModel().select(0));

        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE INDEX idx_fk_rental_customer_id ON rental (customer_id)");
            st.execute("ANALYZE rental");
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
        ViewScreenshots.write(robot, "plan-diff.png");

        robot.interact(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        ViewScreenshots.write(robot, "plan-inspector-after-index.png");
    }

    /** Generated Pagila at scale 10 (about 160,000 rentals), by the same generator the Load Pagila step uses. */
    private static void createPagilaShapedDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("DROP DATABASE IF EXISTS " + DB + "_loading WITH (FORCE)");
        }
        ConnectionFactory server = new ConnectionFactory() {
            @Override
            public Connection open(String database) throws java.sql.SQLException {
                return DriverManager.getConnection(SERVER + (database == null ? "postgres" : database), "postgres", "");
            }

            @Override
            public String defaultDatabase() {
                return "postgres";
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
        new PagilaGenerator(server).generate(GenerateOptions.of(10, DB), ProgressListener.NONE, Cancellation.none());
        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM rental")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThan(100_000);
        }
    }
}
