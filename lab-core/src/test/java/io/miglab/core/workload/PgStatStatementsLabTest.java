package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.inventory.InventoryCollector;
import io.miglab.core.inventory.InventoryOptions;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.SharedBinaries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pg_stat_statements paths, on a lab instance (which preloads it), since the machine's server does not. */
@Tag("postgres")
class PgStatStatementsLabTest {
    @TempDir
    static Path home;

    static LabInstanceManager manager;
    static LabInstance lab;
    static ConnectionFactory factory;

    @BeforeAll
    static void start() throws SQLException {
        manager = new LabInstanceManager(home.resolve("instances"), SharedBinaries.dir());
        lab = manager.start("pgss", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl(null));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE wl");
        }
        factory = new ConnectionFactory() {
            @Override
            public Connection open(String database) throws SQLException {
                return DriverManager.getConnection(lab.jdbcUrl(database == null ? "wl" : database));
            }

            @Override
            public String defaultDatabase() {
                return "wl";
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
        try (Connection c = factory.open();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (k int, payload text)");
            st.execute("INSERT INTO items SELECT g % 100, md5(g::text) FROM generate_series(1, 10000) g");
        }
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.stopStartedHere();
        }
    }

    @Test
    void baselineReportsTheServersOwnCountsForTheMeasuredPartOnly() {
        Workload workload = Workload.parse(
                "items.sql", "-- name: by_k\n-- params: 5\n-- params: 6\nSELECT payload FROM items WHERE k = ?");
        BaselineResult r = new BaselineRunner(factory)
                .run(
                        null,
                        workload,
                        BaselineOptions.defaults()
                                .withWarmup(3)
                                .withIterations(20)
                                .withClients(2),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        BaselineListener.NONE);
        assertThat(r.statStatements().available()).isTrue();
        assertThat(r.statStatements().statements())
                .filteredOn(e -> e.query().contains("FROM items WHERE k = $1"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.calls()).as("warm-up excluded").isEqualTo(40);
                    assertThat(e.totalMs()).isPositive();
                    assertThat(e.sharedBlocksHit() + e.sharedBlocksRead()).isPositive();
                });
    }

    @Test
    void inventoryListsLongTransactionsAndReplicationSlots() throws SQLException {
        try (Connection admin = factory.open();
                Statement st = admin.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('miglab_test_slot', true)");
            try (Connection idle = factory.open();
                    Statement open = idle.createStatement()) {
                idle.setAutoCommit(false);
                open.execute("SELECT txid_current()");
                InventorySnapshot s = new InventoryCollector(factory)
                        .collect(
                                null,
                                InventoryOptions.defaults().withLongTransaction(java.time.Duration.ofMillis(1)),
                                Cancellation.none(),
                                ProgressListener.NONE);
                assertThat(s.longTransactions())
                        .anySatisfy(t -> assertThat(t.state()).isEqualTo("idle in transaction"));
                assertThat(s.findings()).extracting(f -> f.code()).contains("long-transaction");
                assertThat(s.replicationSlots()).singleElement().satisfies(slot -> {
                    assertThat(slot.name()).isEqualTo("miglab_test_slot");
                    assertThat(slot.type()).isEqualTo("physical");
                    assertThat(slot.retainedWalBytes()).isNotNull();
                });
                idle.rollback();
            } finally {
                st.execute("SELECT pg_drop_replication_slot('miglab_test_slot')");
            }
        }
    }

    @Test
    void inventoryListsTopStatementsWhenTheExtensionIsThere() {
        InventorySnapshot s = new InventoryCollector(factory)
                .collect(null, InventoryOptions.defaults(), Cancellation.none(), ProgressListener.NONE);
        assertThat(s.statementStats().available()).isTrue();
        assertThat(s.statementStats().hint()).isNull();
        assertThat(s.statementStats().top()).isNotEmpty();
        assertThat(s.extensions()).anyMatch(e -> e.name().equals("pg_stat_statements") && e.installed());
        assertThat(s.settings()).anyMatch(x -> x.name().equals("shared_preload_libraries"));
        assertThat(s.warnings()).isEmpty();
    }
}
