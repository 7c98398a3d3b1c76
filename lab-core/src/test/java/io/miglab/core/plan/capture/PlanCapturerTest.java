package io.miglab.core.plan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class PlanCapturerTest {
    private static ScratchDatabase db;
    private static Connection connection;

    @BeforeAll
    static void createSchema() throws SQLException {
        db = ScratchDatabase.create("capture");
        connection = db.connect();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE w (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO w SELECT g, 'v' || g FROM generate_series(1, 1000) g");
            st.execute("ANALYZE w");
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        connection.close();
        db.close();
    }

    private static long rows() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM w")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM w WHERE id <= 500",
                "UPDATE w SET v = 'changed'",
                "INSERT INTO w SELECT g, 'new' FROM generate_series(1001, 1500) g",
                "WITH gone AS (DELETE FROM w RETURNING *) SELECT count(*) FROM gone",
                "MERGE INTO w USING (SELECT 1 AS id) s ON w.id = s.id WHEN MATCHED THEN DELETE;"
            })
    void aWriteUnderExplainAnalyzeLeavesTheTableUnchanged(String sql) throws SQLException {
        long before = rows();
        CapturedPlan capture = PlanCapturer.capture(connection, sql, ExplainOptions.analyzeAll(), Cancellation.none());
        assertThat(capture.writes()).isTrue();
        assertThat(capture.rolledBack()).isTrue();
        assertThat(capture.notes()).first().asString().contains("BEGIN ... ROLLBACK");
        assertThat(capture.plan().nodes()).extracting(PlanNode::nodeType).contains("ModifyTable");
        assertThat(capture.plan().executionTime()).isNotNull();
        assertThat(rows()).isEqualTo(before);
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM w WHERE v = 'changed'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void capturesTheChosenOptionsAndTheSettingsThatMatter() throws SQLException {
        CapturedPlan capture = PlanCapturer.capture(
                connection,
                "SELECT * FROM w WHERE id < 10",
                ExplainOptions.analyzeAll().withVerbose(true),
                Cancellation.none());
        assertThat(capture.writes()).isFalse();
        assertThat(capture.command().options())
                .containsExactly("ANALYZE", "BUFFERS", "VERBOSE", "SETTINGS", "WAL", "SUMMARY ON", "FORMAT JSON");
        assertThat(capture.settings()).containsKeys("work_mem", "random_page_cost", "server_version");
        assertThat(capture.planJson()).contains("\"Shared Hit Blocks\"");
        assertThat(capture.plan().root().field("Output")).isPresent();
        assertThat(capture.serverVersion().major()).isGreaterThanOrEqualTo(13);
    }

    @Test
    void estimateOnlyDoesNotRunTheStatement() throws SQLException {
        long before = rows();
        CapturedPlan capture =
                PlanCapturer.capture(connection, "DELETE FROM w", ExplainOptions.estimate(), Cancellation.none());
        assertThat(capture.plan().executionTime()).isNull();
        assertThat(capture.plan().root().has("Actual Rows")).isFalse();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theStatementTimeoutStopsALongCapture() {
        ExplainOptions options = ExplainOptions.analyzeAll().withTimeout(Duration.ofMillis(200));
        assertThatThrownBy(() -> PlanCapturer.capture(connection, "SELECT pg_sleep(20)", options, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("EXPLAIN did not finish within the statement timeout of 200 ms.");
    }

    @Test
    void cancellingStopsTheRunningStatement() throws Exception {
        Cancellation cancel = new Cancellation();
        String marker = "cancel_me_" + System.nanoTime();
        try (Connection c = db.connect();
                Connection watcher = db.connect()) {
            CompletableFuture<CapturedPlan> running = CompletableFuture.supplyAsync(() -> PlanCapturer.capture(
                    c, "SELECT pg_sleep(30), '" + marker + "'", ExplainOptions.analyzeAll(), cancel));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!isRunning(watcher, marker)) {
                assertThat(System.nanoTime()).as("the statement should start").isLessThan(deadline);
            }
            long start = System.nanoTime();
            cancel.cancel();
            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CancelledException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    private static boolean isRunning(Connection watcher, String marker) throws SQLException {
        try (Statement st = watcher.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE 'EXPLAIN%" + marker + "%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    @Test
    void aStatementTheServerRefusesIsAClearError() {
        assertThatThrownBy(() -> PlanCapturer.capture(
                        connection, "SELECT * FROM no_such_table", ExplainOptions.estimate(), Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("The server refused the EXPLAIN: ERROR: relation \"no_such_table\"");
        assertThatThrownBy(
                        () -> PlanCapturer.capture(connection, " ; ", ExplainOptions.estimate(), Cancellation.none()))
                .hasMessage("There is no statement to explain.");
    }

    /** The server's error position lands on the same character of the statement as typed, comments and all. */
    @Test
    void theServerErrorPositionIsAnOffsetInTheStatementAsTyped() {
        String sql = "-- rows, née values\n  SELECT id,\n         nope FROM w";
        assertThatThrownBy(
                        () -> PlanCapturer.capture(connection, sql, ExplainOptions.analyzeAll(), Cancellation.none()))
                .isInstanceOf(io.miglab.core.plan.ExplainRefusedException.class)
                .hasMessage("The server refused the EXPLAIN: ERROR: column \"nope\" does not exist (line 3, column 10)")
                .satisfies(e -> {
                    io.miglab.core.plan.ExplainRefusedException refused =
                            (io.miglab.core.plan.ExplainRefusedException) e;
                    assertThat(refused.offset()).isEqualTo(sql.indexOf("nope"));
                    assertThat(refused.serverMessage()).isEqualTo("ERROR: column \"nope\" does not exist");
                });
    }
}
