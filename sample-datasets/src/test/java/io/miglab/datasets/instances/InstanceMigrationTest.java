package io.miglab.datasets.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@org.junit.jupiter.api.Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NeedsMachinePostgres
class InstanceMigrationTest {
    private static final long ROWS = 2_500;

    /** dateOfPublication as catalogues hold it, and the [start, end] the migration must derive. */
    private static final Map<String, Integer[]> DATES = new LinkedHashMap<>();

    static {
        DATES.put("1998", new Integer[] {1998, 1998});
        DATES.put("c1998", new Integer[] {1998, 1998});
        DATES.put("[1998?]", new Integer[] {1998, 1998});
        DATES.put("1998-2001", new Integer[] {1998, 2001});
        DATES.put("1998 - 2001", new Integer[] {1998, 2001});
        DATES.put("May 2003", new Integer[] {2003, 2003});
        DATES.put("2003-05-12", new Integer[] {2003, 2003});
        DATES.put("19th century", new Integer[] {1801, 1900});
        DATES.put("©2010", new Integer[] {2010, 2010});
        DATES.put("n.d.", new Integer[] {null, null});
        DATES.put("", new Integer[] {null, null});
    }

    private ScratchDatabase scratch;
    private String asWritten;
    private String withIndex;

    @BeforeAll
    void generateAndMigrate() throws SQLException {
        scratch = ScratchDatabase.create("instances");
        asWritten = scratch.createAnother();
        withIndex = scratch.createAnother();
        for (String database : List.of(asWritten, withIndex)) {
            try (Connection c = scratch.factory().open(database)) {
                InstanceGenerator.generate(c, ROWS, 7, ProgressListener.NONE, Cancellation.none());
                insertHandWritten(c);
            }
        }
        ScriptTimingBenchmark runner = new ScriptTimingBenchmark(scratch.factory(), "unused");
        runner.time(asWritten, InstanceScripts.AS_WRITTEN, 1000, ROWS + DATES.size() + 2, Cancellation.none());
        runner.time(
                withIndex, InstanceScripts.WITH_TEMPORARY_INDEX, 1000, ROWS + DATES.size() + 2, Cancellation.none());
    }

    @AfterAll
    void drop() {
        if (scratch != null) {
            scratch.close();
        }
    }

    /** One row per date above (hrid 'hand-N'), one with no publication, one with a reprint. */
    private static void insertHandWritten(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO instance (jsonb) VALUES (?::jsonb)")) {
            int n = 0;
            for (String date : DATES.keySet()) {
                insert.setString(
                        1,
                        "{\"hrid\": \"hand-" + n++
                                + "\", \"publication\": [{\"publisher\": \"P\", \"dateOfPublication\": \"" + date
                                + "\"}]}");
                insert.executeUpdate();
            }
            insert.setString(1, "{\"hrid\": \"hand-none\", \"publication\": []}");
            insert.executeUpdate();
            insert.setString(
                    1,
                    "{\"hrid\": \"hand-reprint\", \"publication\": [{\"dateOfPublication\": \"c1950\"},"
                            + " {\"dateOfPublication\": \"1975-1980\"}]}");
            insert.executeUpdate();
        }
    }

    private List<List<String>> query(String database, String sql) throws SQLException {
        try (Connection c = scratch.factory().open(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private String one(String database, String sql) throws SQLException {
        return query(database, sql).get(0).get(0);
    }

    @Test
    void generatorWritesEveryDateFormatAndNoPublicationSometimes() throws SQLException {
        List<List<String>> samples = query(
                asWritten,
                "SELECT DISTINCT regexp_replace(jsonb -> 'publication' -> 0 ->> 'dateOfPublication', '\\d', '9', 'g')"
                        + " FROM instance WHERE jsonb ->> 'hrid' LIKE 'in%' ORDER BY 1");
        assertThat(samples.stream().map(r -> r.get(0)).toList())
                .contains(
                        "9999",
                        "c9999",
                        "[9999?]",
                        "9999-9999",
                        "May 9999",
                        "9999-99-99",
                        "99th century",
                        "n.d.",
                        null);
        assertThat(one(
                        asWritten,
                        "SELECT count(*) FROM instance WHERE jsonb ->> 'hrid' LIKE 'in%'"
                                + " AND jsonb_array_length(jsonb -> 'publication') = 2"))
                .isEqualTo(String.valueOf(ROWS / 11 - ROWS / (11 * 23)));
        // About 5 kB of JSON a document, as real instance records are.
        assertThat(Double.parseDouble(one(
                        asWritten,
                        "SELECT avg(length(jsonb::text)) FROM instance WHERE jsonb ->>" + " 'hrid' LIKE 'in%'")))
                .isBetween(4_000.0, 7_000.0);
    }

    @Test
    void sameSeedSameTableOtherSeedOtherTable() throws SQLException {
        String checksum = "SELECT md5(string_agg(id::text || (jsonb - 'publicationPeriod')::text, ',' ORDER BY id))"
                + " FROM instance WHERE jsonb ->> 'hrid' LIKE 'in%'";
        assertThat(one(asWritten, checksum)).isEqualTo(one(withIndex, checksum));
        String other = scratch.createAnother();
        try (Connection c = scratch.factory().open(other)) {
            InstanceGenerator.generate(c, ROWS, 8, ProgressListener.NONE, Cancellation.none());
        }
        assertThat(one(other, checksum)).isNotEqualTo(one(asWritten, checksum));
        assertThatThrownBy(() -> {
                    try (Connection c = scratch.factory().open(other)) {
                        InstanceGenerator.generate(c, 10, 8, ProgressListener.NONE, Cancellation.none());
                    }
                })
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("Cannot create table instance: ");
    }

    @Test
    void asWrittenScriptDerivesThePeriodOfEveryFormat() throws SQLException {
        assertThat(one(asWritten, "SELECT count(*) FROM instance WHERE NOT jsonb ? 'publicationPeriod'"))
                .isEqualTo("0");
        int n = 0;
        for (Map.Entry<String, Integer[]> date : DATES.entrySet()) {
            List<String> period = query(
                            asWritten,
                            "SELECT jsonb -> 'publicationPeriod' ->> 'start', jsonb -> 'publicationPeriod' ->> 'end'"
                                    + " FROM instance WHERE jsonb ->> 'hrid' = 'hand-" + n++ + "'")
                    .get(0);
            assertThat(period)
                    .as(date.getKey())
                    .containsExactly(
                            date.getValue()[0] == null ? null : date.getValue()[0].toString(),
                            date.getValue()[1] == null ? null : date.getValue()[1].toString());
        }
        assertThat(query(
                                asWritten,
                                "SELECT jsonb ->> 'publicationPeriod' FROM instance WHERE jsonb ->> 'hrid' ="
                                        + " 'hand-none'")
                        .get(0))
                .containsExactly("{\"end\": null, \"start\": null}");
        assertThat(query(
                                asWritten,
                                "SELECT jsonb ->> 'publicationPeriod' FROM instance WHERE jsonb ->> 'hrid' ="
                                        + " 'hand-reprint'")
                        .get(0))
                .containsExactly("{\"end\": 1980, \"start\": 1950}");
    }

    @Test
    void generatedRowsGetPlausiblePeriods() throws SQLException {
        // Years are 1850..2019 (ranges end up to 6 later, reprints 20 later), centuries 18th..20th.
        List<String> bounds = query(
                        asWritten,
                        "SELECT min((jsonb -> 'publicationPeriod' ->> 'start')::int),"
                                + " max((jsonb -> 'publicationPeriod' ->> 'end')::int),"
                                + " count(*) FILTER (WHERE (jsonb -> 'publicationPeriod' ->> 'start')::int"
                                + " > (jsonb -> 'publicationPeriod' ->> 'end')::int),"
                                + " count(*) FILTER (WHERE jsonb -> 'publicationPeriod' ->> 'start' IS NULL)"
                                + " FROM instance WHERE jsonb ->> 'hrid' LIKE 'in%'")
                .get(0);
        assertThat(Integer.parseInt(bounds.get(0))).isBetween(1701, 1850);
        assertThat(Integer.parseInt(bounds.get(1))).isBetween(2000, 2045);
        assertThat(bounds.get(2)).isEqualTo("0");
        // Null start exactly where the first publication says n.d. or there is none.
        String undated = one(
                asWritten,
                "SELECT count(*) FROM instance WHERE jsonb ->> 'hrid' LIKE 'in%' AND (jsonb_array_length(jsonb ->"
                        + " 'publication') = 0 OR jsonb -> 'publication' -> 0 ->> 'dateOfPublication' = 'n.d.')");
        assertThat(bounds.get(3)).isEqualTo(undated);
        assertThat(Long.parseLong(undated)).isGreaterThan(ROWS / 10);
    }

    @Test
    void bothVariantsWriteTheSameRowsAndLeaveNothingBehind() throws SQLException {
        String checksum = "SELECT md5(string_agg(jsonb ->> 'hrid' || (jsonb -> 'publicationPeriod')::text, ','"
                + " ORDER BY jsonb ->> 'hrid')) FROM instance";
        assertThat(one(withIndex, checksum)).isEqualTo(one(asWritten, checksum));
        for (String database : List.of(asWritten, withIndex)) {
            assertThat(query(database, "SELECT indexname FROM pg_indexes WHERE tablename = 'instance'"))
                    .containsExactly(List.of("instance_pkey"));
            assertThat(one(
                            database,
                            "SELECT count(*) FROM pg_proc WHERE proname IN ('migrate_publication_period',"
                                    + " 'publication_period', 'publication_years')"))
                    .isEqualTo("0");
        }
    }

    @Test
    void theTemporaryIndexServesTheBatchSelection() throws SQLException {
        String other = scratch.createAnother();
        try (Connection c = scratch.factory().open(other);
                Statement s = c.createStatement()) {
            InstanceGenerator.generate(c, 3_000, 1, ProgressListener.NONE, Cancellation.none());
            String batch =
                    "EXPLAIN SELECT id FROM instance WHERE NOT jsonb ? 'publicationPeriod' ORDER BY id LIMIT 1000";
            assertThat(plan(s, batch)).contains("Filter: (NOT (jsonb ? 'publicationPeriod'::text))");
            s.execute("CREATE INDEX instance_unmigrated_tmp ON instance (id) WHERE NOT jsonb ? 'publicationPeriod'");
            assertThat(plan(s, batch)).contains("instance_unmigrated_tmp").doesNotContain("Filter");
        }
    }

    private static String plan(Statement s, String explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
