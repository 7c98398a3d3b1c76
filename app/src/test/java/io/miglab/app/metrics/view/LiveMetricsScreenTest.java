package io.miglab.app.metrics.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.metrics.FleetSnapshots;
import io.miglab.app.metrics.LiveMetricsViewModel;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Live metrics page with 50 pods and an hour of history at 1 s, headless: photographed, and the FX thread's
 * cost of each further 1 s update measured (printed, not asserted: the budget is 100 ms).
 */
@ExtendWith(ApplicationExtension.class)
class LiveMetricsScreenTest {
    static final int PODS = 50;
    static final int HOUR = 3_600;
    static final int UPDATES = 60;

    @TempDir
    static Path home;

    static ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) {
        Workspace workspace = Workspace.open(new MigLabHome(home), Map.of());
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
    static void closeServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void fiftyPodsWithAnHourOfHistoryUpdateEverySecondWithinTheFrameBudget(FxRobot robot) {
        LiveMetricsViewModel model = services.liveMetrics();
        robot.interact(() -> window.show(MainWindow.LIVE));
        robot.interact(() -> model.apply(FleetSnapshots.hour(PODS, HOUR)));
        assertThat(model.rows()).hasSize(PODS);
        assertThat(model.containersKept()).isEqualTo(PODS);
        assertThat(robot.lookup(".sizing-chart").queryAllAs(LineChart.class))
                .allSatisfy(c -> assertThat(c.getData()).hasSize(5 + 2)); // five pods, request, limit

        // Each further second: one snapshot in, table, tiles and both charts redrawn, laid out and rendered.
        List<Double> updates = new ArrayList<>();
        List<Double> applies = new ArrayList<>();
        long[] lastPulse = {0};
        double[] worstGap = {0};
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse[0] != 0) {
                    worstGap[0] = Math.max(worstGap[0], (now - lastPulse[0]) / 1e6);
                }
                lastPulse[0] = now;
            }
        };
        robot.interact(pulses::start);
        for (int s = HOUR; s < HOUR + UPDATES; s++) {
            int second = s;
            // What the app does with each snapshot; the next pulse then styles, lays out and renders it.
            robot.interact(() -> {
                long t0 = System.nanoTime();
                model.apply(List.of(FleetSnapshots.at(second, PODS)));
                applies.add((System.nanoTime() - t0) / 1e6);
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                long t0 = System.nanoTime();
                window.root().layout();
                updates.add((System.nanoTime() - t0) / 1e6 + applies.get(applies.size() - 1));
            });
        }
        robot.interact(pulses::stop);
        updates.sort(Double::compare);
        applies.sort(Double::compare);
        System.out.printf(
                Locale.ROOT,
                "Live metrics, %d pods, %d s of history, %d updates: FX work per update (model, charts, layout) median %.1f ms, p95 %.1f ms,"
                        + " max %.1f ms (of which the model and chart data median %.1f ms); longest gap between pulses"
                        + " %.1f ms (budget 100 ms); load average %.1f on %d cores%n",
                PODS,
                HOUR,
                UPDATES,
                updates.get(updates.size() / 2),
                updates.get((int) (updates.size() * 0.95)),
                updates.get(updates.size() - 1),
                applies.get(applies.size() / 2),
                worstGap[0],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        assertThat(model.containersKept()).isEqualTo(PODS);
        WaitForAsyncUtils.waitForFxEvents();
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            ViewScreenshots.write(robot, "live-metrics-1440x900-" + theme.preferenceValue() + ".png");
        }
    }

    @Test
    void draggingAcrossAChartZoomsAndADoubleClickFollowsAgain(FxRobot robot) {
        LiveMetricsViewModel model = services.liveMetrics();
        robot.interact(() -> window.show(MainWindow.LIVE));
        robot.interact(() -> {
            model.resetZoom();
            model.apply(FleetSnapshots.hour(3, 600));
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node plot =
                robot.lookup(".sizing-chart .chart-plot-background").query();
        robot.interact(() -> plot.localToScene(0, 0)); // laid out
        javafx.geometry.Bounds b = plot.localToScreen(plot.getLayoutBounds());
        double y = b.getMinY() + b.getHeight() / 2;
        robot.drag(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.25, y))
                .dropTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.5, y));
        WaitForAsyncUtils.waitForFxEvents();
        long[] zoom = model.zoomProperty().get();
        assertThat(zoom).isNotNull();
        // A quarter of the axis wide, give or take the axis's rounding of its upper bound.
        assertThat(zoom[1] - zoom[0]).isBetween(100_000L, 200_000L);
        assertThat(robot.lookup("Reset zoom").queryButton().isVisible()).isTrue();
        robot.doubleClickOn(plot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.zoomProperty().get()).isNull();
    }

    @Test
    void aLabInstanceShowsItsDatabaseActivityAndTheCommandsInProgress(FxRobot robot) {
        LiveMetricsViewModel model = services.liveMetrics();
        robot.interact(() -> window.show(MainWindow.LIVE));
        List<io.miglab.core.metrics.MetricsSnapshot> tenMinutes = new ArrayList<>();
        for (int s = 0; s < 600; s++) {
            tenMinutes.add(FleetSnapshots.labInstance(s));
        }
        robot.interact(() -> {
            model.chart(List.of());
            model.apply(tenMinutes);
            model.chart(List.of("lab/backends", "lab/walwriter", "lab/checkpointer", "miglab/java"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Set<LineChart> databaseCharts = robot.lookup(".database-chart").queryAllAs(LineChart.class);
        assertThat(databaseCharts).hasSize(2);
        for (LineChart<?, ?> c : databaseCharts) {
            assertThat(c.getData()).hasSize(1);
            assertThat(((javafx.scene.chart.XYChart.Series<?, ?>) c.getData().get(0)).getData())
                    .isNotEmpty();
        }
        assertThat(robot.lookup(".progress-bar").queryAll()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(robot.lookup((javafx.scene.control.Label l) -> l.getText().startsWith("COPY FROM public.rental"))
                        .tryQuery())
                .isPresent();
        // The database section is under the pods' charts: scroll the page to it for the picture.
        robot.interact(() -> robot.lookup(".database-chart").queryAll().stream()
                .findFirst()
                .flatMap(n -> {
                    javafx.scene.Node p = n;
                    while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                        p = p.getParent();
                    }
                    return java.util.Optional.ofNullable((javafx.scene.control.ScrollPane) p);
                })
                .ifPresent(scroll -> scroll.setVvalue(scroll.getVmax())));
        WaitForAsyncUtils.waitForFxEvents();
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            ViewScreenshots.write(robot, "live-metrics-lab-1440x900-" + theme.preferenceValue() + ".png");
        }
    }
}
