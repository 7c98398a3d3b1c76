package io.miglab.datasets.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.migration.timing.GrowthModels;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's wiring at tiny sizes: what it runs, reports and leaves behind; its figures are not judged here. */
@Tag("postgres")
@NeedsMachinePostgres
class ScriptTimingBenchmarkTest {

    @Test
    void timesBothVariantsAtEverySizeProjectsThemAndDropsItsDatabases() throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create("growthbench")) {
            String prefix = scratch.name() + "_bench";
            List<Progress> reports = new CopyOnWriteArrayList<>();
            ScriptTimingBenchmark.Result result = new ScriptTimingBenchmark(scratch.factory(), prefix)
                    .run(
                            new ScriptTimingBenchmark.Options(
                                    List.of(300L, 600L, 1200L), 100, 1, 16_000_000, Duration.ofHours(2), 1),
                            reports::add,
                            Cancellation.none());

            assertThat(result.runs()).hasSize(6);
            assertThat(result.runs()).allMatch(r -> r.elapsed().toNanos() > 0 && r.tableBytes() > 0);
            for (InstanceScripts variant : InstanceScripts.values()) {
                GrowthModels.Assessment a = result.assessments().get(variant);
                assertThat(a.fit().distinctSizes()).isEqualTo(3);
                assertThat(a.projection().rows()).isEqualTo(16_000_000);
                assertThat(a.projection().warnings()).anyMatch(w -> w.contains("past the 10x"));
                assertThat(a.verdict().sentence()).startsWith(variant.label() + ": ");
            }
            assertThat(result.lines())
                    .anyMatch(l -> l.contains("batches of 100 (the script says 1000)"))
                    .anyMatch(l -> l.strip().startsWith("1,200 "))
                    .anyMatch(l -> l.contains("exponent k (t ~ n^k): "))
                    .anyMatch(l -> l.contains("<- chosen"))
                    .anyMatch(l -> l.startsWith("At 16,000,000 rows the temporary index is projected"));
            assertThat(reports).anyMatch(p -> p.message().equals("Generating 1,200 instances"));
            try (Connection c = scratch.connect();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void batchSizeIsSetInTheCallAndNowhereElse() {
        String script = InstanceScripts.AS_WRITTEN.withBatchSize(250);
        assertThat(script)
                .contains("CALL migrate_publication_period(batch_size => 250);")
                .doesNotContain(InstanceScripts.CALL)
                .contains("batch_size int DEFAULT 1000");
        assertThat(InstanceScripts.WITH_TEMPORARY_INDEX.withBatchSize(1000))
                .contains("CALL migrate_publication_period(batch_size => 1000);");
        assertThatThrownBy(() -> InstanceScripts.AS_WRITTEN.withBatchSize(0))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Batch size must be at least 1, not 0.");
    }
}
