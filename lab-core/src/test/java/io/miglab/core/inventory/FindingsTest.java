package io.miglab.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.Server;
import io.miglab.core.inventory.InventorySnapshot.StatementStats;
import io.miglab.core.inventory.InventorySnapshot.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When an index with no scans is called unused: the rule over the statistics' age and the table's activity. The
 * collection against a real server is {@link InventoryCollectorTest}; this is the table of cases around the
 * thresholds, on a snapshot built by hand.
 */
class FindingsTest {
    private static final Instant TAKEN = Instant.parse("2024-06-01T12:00:00Z");

    @ParameterizedTest(name = "statistics {0} h old, table scanned {1} times -> {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                // age of the statistics (h, none: never reset), scans of the table (none: unknown), finding
                "none,  none,  index-statistics-too-young",
                "none,  999,   index-statistics-too-young",
                "none,  1000,  unused-index",
                "1,     10,    index-statistics-too-young",
                "167,   999,   index-statistics-too-young",
                "167,   1000,  unused-index",
                "168,   0,     unused-index",
                "720,   none,  unused-index",
            })
    void anIndexWithoutScansIsUnusedOnlyWhenTheStatisticsCoverEnough(Long ageHours, Long tableScans, String code) {
        InventorySnapshot s = snapshot(ageHours == null ? null : TAKEN.minus(Duration.ofHours(ageHours)), tableScans);
        List<Finding> findings = Findings.of(s, InventoryOptions.defaults());
        assertThat(findings).extracting(Finding::code).containsExactly(code);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        String age = ageHours == null ? "never reset" : ageHours >= 48 ? ageHours / 24 + " days" : ageHours + " h";
        assertThat(f.title() + " " + f.evidence())
                .as("the statistics' age is shown")
                .contains(age);
        if (code.equals("unused-index")) {
            assertThat(f.subject().key()).isEqualTo("\"public\".\"t_v\"");
            assertThat(f.advice()).contains("DROP INDEX CONCURRENTLY \"public\".\"t_v\"");
        } else {
            assertThat(f.subject().kind()).isEqualTo("database");
            assertThat(f.evidence()).contains("\"public\".\"t_v\"");
        }
    }

    private static InventorySnapshot snapshot(Instant statsReset, Long tableScans) {
        Table table = new Table(
                "public",
                "t",
                "table",
                false,
                1000L,
                null,
                65536,
                0,
                16384,
                81920,
                1000L,
                0L,
                null,
                null,
                null,
                null,
                null,
                null,
                tableScans,
                tableScans == null ? null : 0L);
        Index unused = new Index(
                "public",
                "t",
                "t_v",
                "btree",
                "CREATE INDEX t_v ON public.t USING btree (v)",
                List.of("v"),
                null,
                false,
                false,
                true,
                false,
                16384,
                0L,
                true,
                null,
                null);
        return new InventorySnapshot(
                TAKEN,
                "lab",
                new Server("15.20", 150020, "postgres", false, TAKEN.minus(Duration.ofDays(60)), statsReset),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(table),
                List.of(),
                List.of(unused),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new StatementStats(false, "not installed", List.of()),
                List.of(),
                List.of());
    }
}
