package io.miglab.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.Metrics;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Live metrics page's view model on a metrics feature that plays back known snapshots. */
class LiveMetricsViewModelTest {
    final RecordingDialogs dialogs = new RecordingDialogs();
    final List<KubernetesQuery> asked = new ArrayList<>();
    final List<Boolean> recorded = new ArrayList<>();
    int refreshed;

    Metrics playing(List<MetricsSnapshot> snapshots) {
        return new Metrics() {
            @Override
            public io.miglab.core.metrics.MetricSource labInstanceSource(String name) {
                throw new AssertionError("not used");
            }

            @Override
            public MetricsSnapshot top(KubernetesQuery query) {
                return snapshots.get(0);
            }

            @Override
            public Watch watch(
                    io.miglab.core.metrics.MetricSource source,
                    Duration interval,
                    Duration duration,
                    boolean record,
                    Consumer<MetricsSnapshot> each,
                    Cancellation cancellation) {
                recorded.add(record);
                snapshots.forEach(each);
                return new Watch(-1, snapshots.size(), 0);
            }

            @Override
            public Watch watch(
                    KubernetesQuery query,
                    Duration interval,
                    Duration duration,
                    boolean record,
                    Consumer<MetricsSnapshot> each,
                    Cancellation cancellation) {
                asked.add(query);
                recorded.add(record);
                snapshots.forEach(each);
                return new Watch(record ? 17 : -1, snapshots.size(), snapshots.size() * 50);
            }
        };
    }

    @Test
    void aWatchFillsTheTableBusiestFirstTheTilesAndTheFiveBusiestCharts() {
        LiveMetricsViewModel model = new LiveMetricsViewModel(
                playing(FleetSnapshots.hour(50, 120)), new SameThreadTaskRunner(), dialogs, () -> refreshed++);
        model.namespaceProperty().set("etl");
        model.selectorProperty().set("app=loader");
        model.recordProperty().set(true);
        model.start();

        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.namespace()).isEqualTo("etl");
            assertThat(q.selector()).isEqualTo(Map.of("app", "loader"));
        });
        assertThat(model.rows()).hasSize(50);
        assertThat(model.rows().get(0).pod()).isEqualTo("loader-49");
        assertThat(model.charted())
                .containsExactly(
                        "loader-49/loader",
                        "loader-48/loader",
                        "loader-47/loader",
                        "loader-46/loader",
                        "loader-45/loader");
        assertThat(model.totals().podsProperty().get()).isEqualTo(50);
        assertThat(model.totals().oomKilledProperty().get()).isEqualTo(1);
        assertThat(model.totals().restartsProperty().get()).isEqualTo(2);
        assertThat(model.totals().memoryLimitMibProperty().get()).isEqualTo(50 * 512);
        assertThat(model.statusProperty().get()).contains("recorded as experiment #17");
        assertThat(refreshed).isEqualTo(1);
        Map<String, double[][]> data = model.chartData(40);
        assertThat(data).hasSize(5);
        assertThat(data.get("loader-49/loader").length).isEqualTo(40);
    }

    @Test
    void historyIsARingOfAnHourAndTheWindowCutsWhatIsCharted() {
        LiveMetricsViewModel model =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {});
        model.apply(FleetSnapshots.hour(3, LiveMetricsViewModel.HISTORY + 600));
        model.windowMinutesProperty().set(0);
        double[][] all = model.chartData(LiveMetricsViewModel.HISTORY * 2).get("loader-02/loader");
        assertThat(all.length).isEqualTo(LiveMetricsViewModel.HISTORY); // the oldest 600 s were dropped
        model.windowMinutesProperty().set(5);
        double[][] last5 = model.chartData(LiveMetricsViewModel.HISTORY).get("loader-02/loader");
        assertThat(last5.length).isEqualTo(301); // readings at 1 s, both ends included
    }

    @Test
    void zoomHoldsTheChartsOnARangeWhileReadingsArriveUntilReset() {
        LiveMetricsViewModel model =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {});
        model.apply(FleetSnapshots.hour(2, 600));
        long t0 = FleetSnapshots.T0.toEpochMilli();
        model.chart(List.of("loader-01/loader"));
        // Dragged right to left: the range is the same.
        model.zoomTo(t0 + 200_000, t0 + 100_000);
        double[][] zoomed = model.chartData(1_000).get("loader-01/loader");
        assertThat(zoomed).hasNumberOfRows(101);
        assertThat(zoomed[0][0]).isEqualTo(t0 + 100_000);
        assertThat(zoomed[100][0]).isEqualTo(t0 + 200_000);
        model.apply(List.of(FleetSnapshots.at(600, 2)));
        assertThat(model.chartData(1_000).get("loader-01/loader")).hasNumberOfRows(101);
        // A click is not a zoom.
        model.zoomTo(t0 + 5_000, t0 + 5_400);
        assertThat(model.zoomProperty().get()).containsExactly(t0 + 100_000, t0 + 200_000);
        model.resetZoom();
        assertThat(model.chartData(1_000).get("loader-01/loader")).hasNumberOfRows(601);
        model.zoomTo(t0, t0 + 10_000);
        model.windowMinutesProperty().set(5);
        assertThat(model.zoomProperty().get()).isNull();
        assertThat(model.chartData(1_000).get("loader-01/loader")).hasNumberOfRows(301);
    }

    @Test
    void pauseFreezesTheTableWhileReadingsStillArrive() {
        LiveMetricsViewModel model =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {});
        model.apply(List.of(FleetSnapshots.at(0, 2)));
        double before = model.rows().get(0).cpuMillicores();
        model.pausedProperty().set(true);
        model.apply(List.of(FleetSnapshots.at(90, 2)));
        assertThat(model.rows().get(0).cpuMillicores()).isEqualTo(before);
        model.pausedProperty().set(false);
        assertThat(model.rows().get(0).cpuMillicores()).isNotEqualTo(before);
    }

    @Test
    void aLabInstancesStatisticsFillTheDatabaseTilesChartsAndProgressAndPauseHoldsThem() {
        LiveMetricsViewModel model =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {});
        assertThat(model.databaseProperty().get()).isNull();
        List<MetricsSnapshot> minute = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            minute.add(FleetSnapshots.labInstance(s));
        }
        model.apply(minute);

        assertThat(model.databaseProperty().get()).isEqualTo(minute.get(59).database());
        assertThat(model.progress())
                .extracting(io.miglab.core.metrics.DatabaseActivity.Progress::command)
                .containsExactly("COPY FROM", "CREATE INDEX");
        double[][] chart = model.databaseChartData(30);
        assertThat(chart).hasNumberOfRows(30);
        // Each bucket keeps its peak: the last row's figures are the maxima of its two seconds.
        assertThat(chart[29][0]).isEqualTo(minute.get(59).at().toEpochMilli());
        assertThat(chart[29][3])
                .isEqualTo(Math.max(
                        minute.get(58).database().rowsWrittenPerSecond(),
                        minute.get(59).database().rowsWrittenPerSecond()));

        model.pausedProperty().set(true);
        model.apply(List.of(FleetSnapshots.labInstance(60)));
        assertThat(model.databaseProperty().get()).isEqualTo(minute.get(59).database());
        model.pausedProperty().set(false);
        assertThat(model.databaseProperty().get().at())
                .isEqualTo(FleetSnapshots.labInstance(60).at());
    }

    @Test
    void withoutAClusterTheLabInstanceAndMigLabAreWatchedFromProc(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                io.miglab.core.metrics.local.ProcFs.local().isPresent(), "no /proc on this machine");
        try (io.miglab.core.ledger.Ledger ledger = io.miglab.core.ledger.Ledger.open(dir.resolve("lab.db"))) {
            SameThreadTaskRunner runner = new SameThreadTaskRunner();
            runner.cancelAfterUpdates(2);
            LiveMetricsViewModel model = new LiveMetricsViewModel(
                    new io.miglab.core.metrics.MetricsService(
                            ledger,
                            new io.miglab.core.targets.lab.LabInstanceManager(
                                    dir.resolve("instances"), dir.resolve("binaries"))),
                    runner,
                    dialogs,
                    () -> {},
                    () -> io.miglab.core.metrics.local.LocalProcessSource.of(
                            Map.of("miglab", ProcessHandle.current().pid())));
            model.intervalSecondsProperty().set(1);
            model.startLocal();

            assertThat(model.rows()).extracting(ContainerUsage::pod).contains("miglab");
            assertThat(model.rows()).extracting(ContainerUsage::container).contains("java");
            assertThat(model.totals().memoryMibProperty().get()).isPositive();
        }

        LiveMetricsViewModel none =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {}, () -> null);
        none.startLocal();
        assertThat(dialogs.errors).last().asString().contains("Make a running lab instance the current target");
    }

    @Test
    void aBadSelectorIsOneErrorAndNothingStarts() {
        LiveMetricsViewModel model =
                new LiveMetricsViewModel(playing(List.of()), new SameThreadTaskRunner(), dialogs, () -> {});
        model.selectorProperty().set("app in (a,b)");
        model.start();
        assertThat(dialogs.errors).singleElement().asString().contains("set-based");
        assertThat(asked).isEmpty();
    }

    static double cpu(ContainerUsage u) {
        return u.cpuMillicores();
    }
}
