package io.miglab.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ProgressListener;
import io.miglab.core.finding.Finding;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventoryRecorder;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Inventory step's view model against a real lab instance, on a database with a few things to find. */
@Tag("postgres")
class InventoryViewModelTest {
    static final String DATABASE = "Inventory VM \u00e9";

    @TempDir
    static Path home;

    static Workspace workspace;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final AtomicInteger recorded = new AtomicInteger();

    @BeforeAll
    static void startLab() throws SQLException {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.labInstances().start("lab", ProgressListener.NONE);
        try (Connection c = workspace.targets().connector("lab").open(null);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + DATABASE + "\"");
        }
        try (Connection c = workspace.targets().connector("lab").open(DATABASE);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"Film Rentals\" (id int PRIMARY KEY, customer int, note text)");
            st.execute(
                    "INSERT INTO \"Film Rentals\" SELECT g, g % 50, repeat('x', 20) FROM generate_series(1, 2000) g");
            st.execute("CREATE INDEX rentals_by_customer ON \"Film Rentals\" (customer)");
            st.execute("CREATE INDEX rentals_by_customer_again ON \"Film Rentals\" (customer)");
            st.execute("CREATE TABLE other_things (id int)");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void stopLab() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    InventoryViewModel model() {
        return new InventoryViewModel(
                workspace, new SameThreadTaskRunner(), dialogs, current, recorded::incrementAndGet);
    }

    @Test
    void snapshotLandsInTheLedgerWithFindingsMostSevereFirst() {
        InventoryViewModel model = model();
        model.refreshDatabases();
        assertThat(model.databases()).contains(DATABASE);
        assertThat(model.databaseProperty().get())
                .as("defaults to the target's own database")
                .isEqualTo(workspace.targets().connector("lab").defaultDatabase());
        model.databaseProperty().set(DATABASE);

        model.takeSnapshot();

        assertThat(dialogs.errors).isEmpty();
        assertThat(recorded).hasValue(1);
        Experiment stored =
                workspace.ledger().find(model.experimentIdProperty().get()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(InventoryRecorder.KIND);
        assertThat(stored.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(model.summaryProperty().get()).contains(DATABASE).contains("experiment #" + stored.id());
        assertThat(model.findings()).extracting(Finding::code).contains("duplicate-index");
        assertThat(model.findings()).isSortedAccordingTo(Finding.ORDER);
        assertThat(model.tables()).extracting(InventorySnapshot.Table::name).contains("Film Rentals", "other_things");
        assertThat(model.snapshots()).extracting(Experiment::id).contains(stored.id());
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void filterNarrowsEveryListAndClearingItBringsTheRowsBack() {
        InventoryViewModel model = model();
        model.databaseProperty().set(DATABASE);
        model.takeSnapshot();
        int allIndexes = model.indexes().size();

        model.filterProperty().set("film REN");

        assertThat(model.tables()).extracting(InventorySnapshot.Table::name).containsExactly("Film Rentals");
        assertThat(model.indexes()).hasSizeLessThanOrEqualTo(allIndexes).allSatisfy(i -> assertThat(i.table())
                .isEqualTo("Film Rentals"));
        model.filterProperty().set("");
        assertThat(model.tables()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(model.indexes()).hasSize(allIndexes);
    }

    @Test
    void diffOfTwoSnapshotsShowsTheIndexAddedBetweenThem() throws SQLException {
        InventoryViewModel model = model();
        model.databaseProperty().set(DATABASE);
        model.takeSnapshot();
        long before = model.experimentIdProperty().get();
        try (Connection c = workspace.targets().connector("lab").open(DATABASE);
                Statement st = c.createStatement()) {
            st.execute("CREATE INDEX \"Notes Index\" ON \"Film Rentals\" (note)");
        }
        model.takeSnapshot();
        long after = model.experimentIdProperty().get();

        assertThat(model.diffBeforeProperty().get().id()).isEqualTo(before);
        assertThat(model.diffAfterProperty().get().id()).isEqualTo(after);
        model.diff();

        assertThat(model.diffChanges()).anySatisfy(ch -> {
            assertThat(ch.type()).isEqualTo(InventoryDiff.ChangeType.ADDED);
            assertThat(ch.object()).contains("Notes Index");
        });
        assertThat(model.diffSummaryProperty().get()).contains("#" + before).contains("1 added");
    }

    @Test
    void reopeningTheStepShowsTheNewestStoredSnapshot() {
        InventoryViewModel first = model();
        first.databaseProperty().set(DATABASE);
        first.takeSnapshot();
        long id = first.experimentIdProperty().get();

        InventoryViewModel reopened = model();
        reopened.refreshSnapshots();

        assertThat(reopened.experimentIdProperty().get()).isEqualTo(id);
        assertThat(reopened.tables()).hasSameSizeAs(first.tables());
        assertThat(reopened.findings()).containsExactlyElementsOf(first.findings());
    }

    @Test
    void guardedTargetIsInventoriedReadOnly() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        workspace
                .targets()
                .add(
                        "guarded-inventory",
                        ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
                                .spec(),
                        TargetRole.GUARDED);
        current.set("guarded-inventory");
        InventoryViewModel model = model();

        model.takeSnapshot();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.snapshotProperty().get().database()).isEqualTo("postgres");
        assertThat(workspace
                        .ledger()
                        .list(new ExperimentFilter(
                                InventoryRecorder.KIND, ExperimentStatus.SUCCEEDED, "guarded-inventory", null, 0)))
                .hasSize(1);
    }
}
