package io.miglab.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeInventories;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.finding.Finding;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.targets.TargetRole;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The Inventory step's view model against an in-memory inventory service and the shared database choice. */
class InventoryViewModelTest {
    final FakeTargets targets =
            new FakeTargets().with("lab", TargetRole.LAB, "postgres", "pagila").with("prod", TargetRole.GUARDED, "app");
    final FakeInventories inventories = new FakeInventories();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final AtomicInteger recorded = new AtomicInteger();

    InventoryViewModel model() {
        choice.refresh();
        return new InventoryViewModel(inventories, choice, runner, dialogs, current, recorded::incrementAndGet);
    }

    @Test
    void snapshotIsTakenOfTheChosenDatabaseWithFindingsMostSevereFirst() {
        InventoryViewModel model = model();
        choice.choose("pagila");

        model.takeSnapshot();

        assertThat(dialogs.errors).isEmpty();
        assertThat(inventories.requests).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("lab");
            assertThat(r.database()).isEqualTo("pagila");
        });
        assertThat(recorded).hasValue(1);
        assertThat(model.experimentIdProperty().get()).isEqualTo(1);
        assertThat(model.summaryProperty().get()).contains("pagila on lab").contains("experiment #1");
        assertThat(model.findings()).extracting(Finding::code).startsWith("duplicate-index");
        assertThat(model.findings())
                .extracting(Finding::code)
                .as("the missing pg_stat_statements is a hint beside the findings")
                .contains(InventoryViewModel.STAT_STATEMENTS_CODE);
        assertThat(model.findings()).isSortedAccordingTo(Finding.ORDER);
        assertThat(model.snapshots())
                .extracting(Inventories.Stored::experimentId)
                .containsExactly(1L);
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void filterNarrowsEveryListAndClearingItBringsTheRowsBack() {
        inventories.nextTables = List.of(
                FakeInventories.table("public", "Film Rentals", 2000, 1 << 20),
                FakeInventories.table("public", "other_things", 0, 8192));
        InventoryViewModel model = model();
        model.takeSnapshot();

        model.filterProperty().set("film REN");

        assertThat(model.tables()).extracting(InventorySnapshot.Table::name).containsExactly("Film Rentals");
        model.filterProperty().set("");
        assertThat(model.tables()).hasSize(2);
    }

    @Test
    void diffOfTwoSnapshotsShowsTheTableAddedBetweenThem() {
        InventoryViewModel model = model();
        model.takeSnapshot();
        inventories.nextTables = List.of(
                FakeInventories.table("public", "film", 1000, 8192 * 40),
                FakeInventories.table("public", "rental", 16044, 1 << 20));
        model.takeSnapshot();

        assertThat(model.diffBeforeProperty().get().experimentId()).isEqualTo(1);
        assertThat(model.diffAfterProperty().get().experimentId())
                .as("after a snapshot, the new one against the one before it")
                .isEqualTo(2);
        model.diff();

        assertThat(model.diffChanges()).anySatisfy(ch -> {
            assertThat(ch.type()).isEqualTo(InventoryDiff.ChangeType.ADDED);
            assertThat(ch.object()).contains("rental");
        });
        assertThat(model.diffSummaryProperty().get()).contains("#1").contains("1 added");
    }

    @Test
    void choosingADatabaseShowsItsNewestSnapshotOrSaysThereIsNone() {
        InventoryViewModel first = model();
        choice.choose("pagila");
        first.takeSnapshot();

        InventoryViewModel reopened = model();
        reopened.showLatest();
        assertThat(reopened.experimentIdProperty().get()).isEqualTo(1);
        assertThat(reopened.tables()).hasSameSizeAs(first.tables());

        choice.choose("postgres");
        assertThat(reopened.experimentIdProperty().get()).isZero();
        assertThat(reopened.tables()).isEmpty();
        assertThat(reopened.summaryProperty().get()).isEqualTo("No inventory of postgres yet: take a snapshot.");
    }

    @Test
    void aFailedSnapshotIsOneLineAndACancelledOneSaysSo() {
        InventoryViewModel model = model();
        inventories.failWith = "Cannot connect to target 'lab': connection refused.";
        model.takeSnapshot();
        assertThat(dialogs.errors)
                .containsExactly("Inventory failed: Cannot connect to target 'lab': connection refused.");

        inventories.failWith = null;
        inventories.cancelNext = true;
        model.takeSnapshot();
        assertThat(model.summaryProperty().get()).startsWith("Cancelled");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void withoutATargetNothingRuns() {
        current.set(null);
        InventoryViewModel model = model();

        model.takeSnapshot();

        assertThat(dialogs.errors).singleElement().asString().startsWith("Inventory: Choose a target first");
        assertThat(inventories.requests).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "1024      | 8kB | 8 MB",
                "16384     | 8kB | 128 MB",
                "4096      | kB  | 4 MB",
                "1536      | MB  | 1536 MB",
                "65536     | kB  | 64 MB",
                "200       | ms  | 200 ms",
                "60        | s   | 1 min",
                "300       | s   | 5 min",
                "-1        | ms  | -1 ms",
                "on        |     | on",
                "100       |     | 100",
                "2048      | 16MB| 32 GB",
                "1000      | B   | 1000 B",
            })
    void settingValuesAreShownInTheirUnits(String value, String unit, String shown) {
        assertThat(InventoryViewModel.settingValue(value, unit)).isEqualTo(shown);
    }

    @Test
    void settingsOfASnapshotReadInTheirUnits() {
        inventories.nextSettings = List.of(FakeInventories.setting("shared_buffers", "16384", "8kB"));
        InventoryViewModel model = model();
        model.takeSnapshot();

        assertThat(model.settings()).singleElement().satisfies(s -> assertThat(
                        InventoryViewModel.settingValue(s.value(), s.unit()))
                .isEqualTo("128 MB"));
    }
}
