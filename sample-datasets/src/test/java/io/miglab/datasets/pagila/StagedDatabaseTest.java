package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads drop only what they made: staging names unique to the run, MigLab's marker, look-alike names refused. */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class StagedDatabaseTest {
    private final ScratchServer server = new ScratchServer();
    private final PagilaGenerator generator = new PagilaGenerator(server.factory());

    @AfterEach
    void dropDatabases() throws Exception {
        server.close();
    }

    @Test
    void aUserDatabaseNamedLikeTheOldStagingNameSurvivesCancelledAndFinishedLoads() throws Exception {
        String name = server.newName("pagila_user");
        String usersOwn = name + "_loading"; // the staging name of earlier versions, which dropped it WITH (FORCE)
        server.admin("CREATE DATABASE " + usersOwn);
        try (Connection c = server.factory().open(usersOwn);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE precious AS SELECT 42 AS answer");
        }
        Cancellation cancellation = new Cancellation();
        AtomicReference<List<String>> seenWhileCopying = new AtomicReference<>();
        ProgressListener cancelWhenCopying = progress -> {
            if (progress.total() > 0 && seenWhileCopying.get() == null) {
                seenWhileCopying.set(staging(name));
                cancellation.cancel();
            }
        };

        assertThatThrownBy(() -> generator.generate(
                        GenerateOptions.of(1, name).withParallelism(2), cancelWhenCopying, cancellation))
                .isInstanceOf(CancelledException.class);
        assertThat(seenWhileCopying.get())
                .as("the run staged into a name of its own")
                .hasSize(2)
                .contains(usersOwn)
                .anySatisfy(staged -> assertThat(staged).matches(name + "_loading_[0-9a-f]{8}"));
        generator.generate(GenerateOptions.of(1, name).withParallelism(2), ProgressListener.NONE, Cancellation.none());

        assertThat(server.exists(name)).isTrue();
        assertThat(server.comment(name)).startsWith("Loaded by MigLab (run ");
        assertThat(server.stagingDatabases(name)).containsExactly(usersOwn);
        assertThat(answer(usersOwn)).isEqualTo(42);
    }

    @Test
    void aMarkedLeftoverOfACrashedLoadIsDroppedAndNothingUnmarkedIs() throws Exception {
        String name = server.newName("pagila_leftover");
        // A crash: the run staged, then never completed nor aborted.
        StagedDatabase crashed = StagedDatabase.begin(server.factory(), name, false, 41L);
        assertThat(server.comment(crashed.loadingName()))
                .startsWith("miglab:staging run=" + crashed.runId() + " final=" + name + " experiment=41 ");
        // Look-alikes a user (or another final name) owns: right name without the marker, marker of another name.
        String unmarked = StagedDatabase.stagingName(name, "0123abcd");
        server.admin("CREATE DATABASE \"" + unmarked + "\"");
        String foreignMarker = StagedDatabase.stagingName(name, "89abcdef");
        server.admin("CREATE DATABASE \"" + foreignMarker + "\"");
        server.admin("COMMENT ON DATABASE \"" + foreignMarker + "\" IS 'miglab:staging run=89abcdef final=other_db'");
        // A marked leftover somebody is still connected to (a load still running elsewhere) is left alone too.
        StagedDatabase running = StagedDatabase.begin(server.factory(), name, false, null);

        StagedDatabase next;
        try (Connection busy = server.factory().open(running.loadingName())) {
            next = StagedDatabase.begin(server.factory(), name, false, 42L);
            assertThat(busy.isValid(5)).isTrue();
        }

        assertThat(server.stagingDatabases(name))
                .containsExactlyInAnyOrder(unmarked, foreignMarker, running.loadingName(), next.loadingName())
                .doesNotContain(crashed.loadingName());
        assertThat(next.runId()).isNotEqualTo(running.runId());
        next.abort();
        running.abort();
        assertThat(server.stagingDatabases(name)).containsExactlyInAnyOrder(unmarked, foreignMarker);
    }

    @Test
    void abortLeavesAStagingNameAloneOnceItNoLongerCarriesTheRunsMarker() throws Exception {
        String name = server.newName("pagila_unmarked");
        StagedDatabase staged = StagedDatabase.begin(server.factory(), name, false, null);
        server.admin("COMMENT ON DATABASE \"" + staged.loadingName() + "\" IS 'mine now'");

        staged.abort();

        assertThat(server.stagingDatabases(name)).containsExactly(staged.loadingName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagila_loading", "pagila_loading_1a2b3c4d", "Pagila_LOADING_ff", "x_loading_"})
    void finalNamesThatLookLikeStagingNamesAreRefusedBeforeAnythingHappens(String name) {
        assertThatThrownBy(() ->
                        generator.generate(GenerateOptions.of(1, name), ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Database name \"" + name + "\" looks like a MigLab staging database (NAME_loading or"
                        + " NAME_loading_<run id>): choose another name.");
    }

    @Test
    void namesThatLeaveNoRoomForTheRunIdAreRefusedAndOthersAccepted() {
        String longest = "p".repeat(StagedDatabase.MAX_NAME_LENGTH);
        StagedDatabase.validateName(longest);
        StagedDatabase.validateName("pagila_loading_area");
        assertThat(StagedDatabase.stagingName(longest, "0123abcd")).hasSize(63);
        assertThatThrownBy(() -> StagedDatabase.validateName(longest + "p"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("at most 46 characters");
    }

    @Test
    void theMarkerNamesTheExperimentThatRecordsTheLoad(@TempDir Path home) throws Exception {
        String name = server.newName("pagila_marked");
        AtomicReference<String> marker = new AtomicReference<>();
        ProgressListener readMarker = progress -> {
            if (marker.get() == null) {
                staging(name).stream().findFirst().ifPresent(staged -> marker.set(comment(staged)));
            }
        };
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            PagilaLoads.Recorded<PagilaGeneration> recorded = new PagilaLoads(ledger, "scratch", server.factory())
                    .generate(GenerateOptions.of(1, name).withParallelism(2), readMarker, Cancellation.none());

            assertThat(marker.get()).contains(" final=" + name + " experiment=" + recorded.experimentId() + " ");
            assertThat(server.comment(name)).endsWith("experiment " + recorded.experimentId() + ")");
            assertThat(ledger.find(recorded.experimentId()).orElseThrow().status())
                    .isEqualTo(ExperimentStatus.SUCCEEDED);
        }
    }

    private List<String> staging(String name) {
        try {
            return server.stagingDatabases(name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String comment(String database) {
        try {
            return server.comment(database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int answer(String database) throws SQLException {
        try (Connection c = server.factory().open(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT answer FROM precious")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
