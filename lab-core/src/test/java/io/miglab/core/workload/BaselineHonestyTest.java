package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline whose statements fail says so: per statement, per distinct error, and in the experiment's status. */
@Tag("postgres")
@NeedsMachinePostgres
class BaselineHonestyTest {
    static ScratchDatabase db;

    @TempDir
    Path home;

    @BeforeAll
    static void fixture() {
        db = ScratchDatabase.create("honest");
        db.execute("CREATE TABLE t (k int)", "INSERT INTO t SELECT g FROM generate_series(1, 10) g");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aStatementThatNeverSucceededFailsTheBaselineAndKeepsItsErrors() {
        Workload workload = Workload.parse(
                "failing.sql",
                """
                -- name: fine
                SELECT count(*) FROM t
                -- name: missing
                SELECT * FROM no_such_table
                -- name: sometimes
                -- params: 1
                -- params: 0
                -- params: x
                SELECT 10 / ?::int
                """);
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            BaselineRecorder.Recorded recorded = new BaselineRecorder(ledger)
                    .runAndRecord(
                            new BaselineRunner(db.factory()),
                            new TargetFingerprint("scratch", null, null, null),
                            null,
                            workload,
                            BaselineOptions.defaults().withWarmup(0).withIterations(6),
                            Cancellation.none(),
                            ProgressListener.NONE,
                            BaselineListener.NONE);
            BaselineResult r = recorded.result();
            StatementResult fine = r.statements().get(0);
            StatementResult missing = r.statements().get(1);
            StatementResult sometimes = r.statements().get(2);

            assertThat(fine.errors()).isZero();
            assertThat(fine.neverSucceeded()).isFalse();

            assertThat(missing.executions()).isEqualTo(6);
            assertThat(missing.errors()).isEqualTo(6);
            assertThat(missing.neverSucceeded()).isTrue();
            assertThat(missing.distinctErrors()).singleElement().satisfies(e -> {
                assertThat(e.message()).contains("relation \"no_such_table\" does not exist");
                assertThat(e.count()).isEqualTo(6);
            });

            // 1 succeeds, 0 divides by zero, x is not an integer: two distinct errors, two of each.
            assertThat(sometimes.errors()).isEqualTo(4);
            assertThat(sometimes.distinctErrors())
                    .extracting(StatementResult.ErrorCount::count)
                    .containsExactly(2L, 2L);
            assertThat(sometimes.distinctErrors().get(0).message()).contains("division by zero");
            assertThat(sometimes.distinctErrors().get(1).message()).contains("invalid input syntax");

            Experiment e = ledger.find(recorded.experimentId()).orElseThrow();
            assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.error())
                    .startsWith("Statement missing never succeeded: ")
                    .contains("no_such_table");
            assertThat(new BaselineRecorder(ledger)
                            .load(recorded.experimentId())
                            .statements()
                            .get(1)
                            .distinctErrors())
                    .as("the errors are stored with the result")
                    .hasSize(1);
        }
    }
}
