package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@io.miglab.core.testing.NeedsMachinePostgres
class PagilaGeneratorTest {
    private final ScratchServer server = new ScratchServer();
    private final PagilaGenerator generator = new PagilaGenerator(server.factory());
    private String official;
    private String generated;
    private PagilaGeneration generation;
    private final List<Progress> reports = new CopyOnWriteArrayList<>();

    @BeforeAll
    void loadBoth() {
        official = server.newName("pagila_official");
        new PagilaImporter(server.factory())
                .importFrom(ScratchServer.pagila(), official, false, ProgressListener.NONE, Cancellation.none());
        generated = server.newName("pagila_gen");
        generation = generator.generate(GenerateOptions.of(1, generated), reports::add, Cancellation.none());
    }

    @AfterAll
    void dropAll() throws SQLException {
        server.close();
    }

    private List<List<String>> query(String database, String sql) throws SQLException {
        try (Connection c = server.factory().open(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            rows.add(header);
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private long number(String database, String sql) throws SQLException {
        return Long.parseLong(query(database, sql).get(1).get(0));
    }

    @Test
    void scaleOneIsAboutTheOfficialSizes() throws SQLException {
        Map<String, Long> rows =
                generation.tables().stream().collect(Collectors.toMap(TableLoad::table, TableLoad::rows));
        assertThat(rows.get("rental")).isEqualTo(16044);
        assertThat(rows.get("customer")).isEqualTo(599);
        assertThat(rows.get("film")).isEqualTo(1000);
        assertThat(rows.get("inventory")).isEqualTo(4581);
        assertThat(rows.get("store")).isEqualTo(500);
        assertThat(rows.get("staff")).isEqualTo(1500);
        assertThat(rows.get("address")).isEqualTo(603);
        assertThat((double) rows.get("payment")).isCloseTo(16049, within(16049 * 0.05));
        assertThat((double) rows.get("film_actor")).isCloseTo(5462, within(5462 * 0.1));
        assertThat((double) rows.get("film_category")).isCloseTo(2367, within(2367 * 0.1));
        assertThat(number(generated, "SELECT count(*) FROM payment")).isEqualTo(rows.get("payment"));
        assertThat(number(generated, "SELECT count(*) FROM payment_p2022_07")).isGreaterThan(1000);
        assertThat(server.stagingDatabases(generated)).isEmpty();
        // Every foreign key of the official release is there and validated (the July partition's three are extra).
        String foreignKeys = "SELECT count(*) FROM pg_constraint WHERE contype = 'f'";
        assertThat(number(generated, foreignKeys)).isEqualTo(number(official, foreignKeys) + 3);
        assertThat(number(generated, foreignKeys + " AND NOT convalidated")).isZero();
        String primaryKeys = "SELECT count(*) FROM pg_constraint WHERE contype = 'p'";
        assertThat(number(generated, primaryKeys)).isEqualTo(number(official, primaryKeys));
        assertThat(reports).anySatisfy(p -> assertThat(p.message()).contains("rental"));
    }

    @Test
    void shapesAreSkewedLikeRealRentals() throws SQLException {
        long open = number(generated, "SELECT count(*) FROM rental WHERE return_date IS NULL");
        assertThat(open).isBetween(50L, 800L);
        long busiestCustomer =
                number(generated, "SELECT max(n) FROM (SELECT count(*) n FROM rental GROUP BY customer_id) t");
        assertThat(busiestCustomer).isGreaterThan(3 * 16044 / 599);
        long busiestFilm = number(
                generated,
                "SELECT max(n) FROM (SELECT count(*) n FROM rental JOIN inventory USING (inventory_id) GROUP BY film_id) t");
        assertThat(busiestFilm).isGreaterThan(5 * 16044 / 1000);
        long largest =
                number(generated, "SELECT max(n) FROM (SELECT count(*) n FROM film_category GROUP BY category_id) t");
        long smallest =
                number(generated, "SELECT min(n) FROM (SELECT count(*) n FROM film_category GROUP BY category_id) t");
        assertThat(largest).isGreaterThan(4 * smallest);
        long months = number(generated, "SELECT count(DISTINCT date_trunc('month', rental_date)) FROM rental");
        assertThat(months).isEqualTo(7);
        long descriptionLength = number(generated, "SELECT avg(length(description))::int FROM film");
        assertThat(descriptionLength).isBetween(70L, 130L);
    }

    /** Queries from Pagila tutorials: each must run on both databases with the same columns and some rows. */
    private static final List<String> TYPICAL_QUERIES = List.of(
            "SELECT category, total_sales FROM sales_by_film_category LIMIT 5",
            "SELECT c.customer_id, c.first_name, c.last_name, count(*) AS rentals FROM rental r"
                    + " JOIN customer c USING (customer_id) GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 10",
            "SELECT f.title, count(*) AS rentals FROM rental r JOIN inventory i USING (inventory_id)"
                    + " JOIN film f USING (film_id) GROUP BY f.title ORDER BY 2 DESC LIMIT 10",
            "SELECT date_trunc('month', payment_date) AS month, count(*), sum(amount) FROM payment GROUP BY 1 ORDER BY 1",
            "SELECT r.rental_id, c.email, f.title FROM rental r JOIN customer c USING (customer_id)"
                    + " JOIN inventory i USING (inventory_id) JOIN film f USING (film_id)"
                    + " WHERE r.return_date IS NULL ORDER BY r.rental_date LIMIT 20",
            "SELECT film_id, title FROM film WHERE fulltext @@ to_tsquery('english', 'drama & must') LIMIT 10",
            "SELECT * FROM film_list LIMIT 5",
            "SELECT actor_id, film_info FROM actor_info WHERE actor_id < 5",
            "SELECT store, manager, total_sales FROM sales_by_store LIMIT 5",
            "SELECT name, sid FROM customer_list WHERE country = 'India' LIMIT 5",
            "SELECT count(*) FROM film_in_stock((SELECT film_id FROM inventory ORDER BY inventory_id LIMIT 1),"
                    + " (SELECT store_id FROM inventory ORDER BY inventory_id LIMIT 1))",
            "SELECT inventory_in_stock(inventory_id) FROM inventory ORDER BY inventory_id LIMIT 3",
            "SELECT l.name, count(*) FROM film f JOIN language l USING (language_id) GROUP BY l.name");

    @Test
    void typicalPagilaQueriesRunOnBothOfficialAndGeneratedData() throws SQLException {
        for (String sql : TYPICAL_QUERIES) {
            List<List<String>> onOfficial = query(official, sql);
            List<List<String>> onGenerated = query(generated, sql);
            assertThat(onGenerated.get(0)).as(sql).isEqualTo(onOfficial.get(0));
            assertThat(onOfficial).as("official: " + sql).hasSizeGreaterThan(1);
            assertThat(onGenerated).as("generated: " + sql).hasSizeGreaterThan(1);
        }
    }

    @Test
    void scaleTwentyRunsTheSameQueriesAsTheOfficialRelease() throws SQLException {
        String twenty = server.newName("pagila_s20");
        PagilaGeneration result =
                generator.generate(GenerateOptions.of(20, twenty), ProgressListener.NONE, Cancellation.none());

        assertThat(number(twenty, "SELECT count(*) FROM rental")).isEqualTo(20 * 16044);
        assertThat(result.totalRows()).isGreaterThan(780_000);
        for (String sql : TYPICAL_QUERIES) {
            List<List<String>> onTwenty = query(twenty, sql);
            assertThat(onTwenty.get(0)).as(sql).isEqualTo(query(official, sql).get(0));
            assertThat(onTwenty).as("scale 20: " + sql).hasSizeGreaterThan(1);
        }
    }

    private String checksum(String database, String table, String key) throws SQLException {
        return query(database, "SELECT md5(string_agg(t::text, E'\\n' ORDER BY " + key + ")) FROM " + table + " t")
                .get(1)
                .get(0);
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedDoesNot() throws SQLException {
        String again = server.newName("pagila_again");
        generator.generate(GenerateOptions.of(1, again).withParallelism(1), ProgressListener.NONE, Cancellation.none());
        for (String[] table : new String[][] {
            {"rental", "rental_id"}, {"payment", "payment_id"}, {"film", "film_id"}, {"customer", "customer_id"}
        }) {
            assertThat(checksum(again, table[0], table[1]))
                    .as(table[0])
                    .isEqualTo(checksum(generated, table[0], table[1]));
        }
        // Another seed, replacing the database just made: different data under the same name.
        generator.generate(
                GenerateOptions.of(1, again).withSeed(7).withReplace(true), ProgressListener.NONE, Cancellation.none());
        assertThat(checksum(again, "rental", "rental_id")).isNotEqualTo(checksum(generated, "rental", "rental_id"));
        assertThatThrownBy(() ->
                        generator.generate(GenerateOptions.of(1, again), ProgressListener.NONE, Cancellation.none()))
                .hasMessageContaining("\"" + again + "\" already exists");
    }

    @Test
    void aCancelledLoadLeavesNoDatabaseBehind() throws SQLException {
        String name = server.newName("pagila_cancelled");
        Cancellation cancellation = new Cancellation();
        ProgressListener cancelWhenCopying = progress -> {
            if (progress.total() > 0) {
                cancellation.cancel();
            }
        };

        assertThatThrownBy(() -> generator.generate(GenerateOptions.of(5, name), cancelWhenCopying, cancellation))
                .isInstanceOf(CancelledException.class);
        assertThat(server.exists(name)).isFalse();
        assertThat(server.stagingDatabases(name)).isEmpty();
    }
}
