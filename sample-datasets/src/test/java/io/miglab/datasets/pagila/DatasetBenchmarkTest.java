package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("postgres")
class DatasetBenchmarkTest {

    @Test
    void measuresMigLabAndPsqlOnTheSameRowsAndCleansUp() throws Exception {
        ScratchServer server = new ScratchServer();
        // A name of our own: other people run this test against the same server at the same time.
        String prefix = server.newName("bench");
        DatasetBenchmarkResult result = new DatasetBenchmark(server.factory(), "psql", prefix)
                .run(1, 2, false, 1, ProgressListener.NONE, Cancellation.none());

        assertThat(result.rows()).isGreaterThan(40_000);
        assertThat(result.miglabRowsPerSecond()).isPositive();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("MigLab generate+COPY, 2 streams"));
        if (result.psql() != null) {
            assertThat(result.fileBytes()).isGreaterThan(1_000_000L);
            assertThat(result.ratio()).isPositive();
            assertThat(result.lines()).anySatisfy(line -> assertThat(line).contains("ratio MigLab / psql"));
        } else {
            assertThat(result.psqlNote()).contains("not on the PATH");
        }
        assertThat(countDatabases(server, prefix)).isZero();
    }

    private static long countDatabases(ScratchServer server, String prefix) throws Exception {
        try (var c = server.factory().open();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
