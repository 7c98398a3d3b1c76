package io.miglab.core.plan;

import io.miglab.core.plan.capture.IndexCatalogReader;
import io.miglab.core.plan.parse.PlanParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Captures the golden plan fixtures from a real PostgreSQL: builds a small schema in a scratch database, runs each
 * case under EXPLAIN in FORMAT JSON and TEXT inside BEGIN ... ROLLBACK, and writes {@code CASE.plan.json} and
 * {@code CASE.plan.txt} into the folder given, with {@code CASE.indexes.json} (the catalog definitions of the indexes
 * the plan uses) when it uses any. Two cases also go through psql, so the parser meets psql's own header, footer and
 * {@code +} marks. Then run {@code PlanFixturesTest} once with {@code -Dmiglab.updateGoldens=true} to write the
 * {@code CASE.expected.json} files (that run fails on purpose, listing what it wrote), and review the diff.
 *
 * <pre>
 * ./mvnw -q -pl lab-core test-compile exec:java -Dexec.skip=false -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.miglab.core.plan.FixtureCapture \
 *   -Dexec.args="jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres src/test/resources/io/miglab/core/plan/fixtures/pg15"
 * </pre>
 *
 * A third argument ({@code case-a,case-b}) captures only those cases, leaving every other fixture as it is.
 */
public final class FixtureCapture {

    /** One fixture: settings applied with SET LOCAL, the statement, and the EXPLAIN options for JSON and TEXT. */
    record Case(String name, List<String> settings, String sql, String options, boolean psql) {}

    private static final String PARALLEL = "max_parallel_workers_per_gather=2;parallel_setup_cost=0;"
            + "parallel_tuple_cost=0;min_parallel_table_scan_size=0;min_parallel_index_scan_size=0";
    private static final String SERIAL = "max_parallel_workers_per_gather=0";

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(of("seq-scan-selective", SERIAL, "select * from orders where status = 'lost'", "ANALYZE, BUFFERS"));
        c.add(of(
                "parallel-aggregate",
                PARALLEL,
                "select status, count(*), sum(amount) from orders group by status",
                "ANALYZE, BUFFERS, VERBOSE"));
        c.add(of(
                "parallel-hash-join",
                PARALLEL,
                "select c.region, count(*) from orders o join customers c on c.id = o.customer_id group by c.region",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "cte-two-scans",
                SERIAL,
                "with big as materialized (select * from orders where amount > 900)"
                        + " select count(*) from big a join big b on a.id = b.id + 1",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "initplan-filter",
                SERIAL,
                "select * from customers c join orders o on o.customer_id = c.id"
                        + " where o.amount > (select avg(amount) * 1.99 from orders) order by o.id",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "initplan-result",
                SERIAL,
                "select (select max(amount) from orders), (select min(created) from orders)",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "subplan-correlated",
                SERIAL,
                "select c.id, (select count(*) from orders o where o.customer_id = c.id) from customers c"
                        + " where c.id < 300",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "partitions-pruned",
                SERIAL,
                "select kind, count(*) from events where ts >= date '2024-02-01' and ts < date '2024-04-01'"
                        + " group by kind",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "bitmap-or",
                SERIAL,
                "select * from orders where customer_id in (5, 17, 42) or customer_id between 1000 and 1010",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "hash-join-batches",
                SERIAL + ";work_mem=64kB",
                "select * from orders o join customers c on c.id = o.customer_id",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "sort-on-disk",
                SERIAL + ";work_mem=64kB",
                "select * from orders order by amount desc, id",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "index-only-heap-fetches",
                SERIAL + ";enable_seqscan=off;enable_bitmapscan=off",
                "select visitor from visits where visitor < 2000",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "nested-loop-many",
                SERIAL + ";enable_hashjoin=off;enable_mergejoin=off",
                "select c.name, o.amount from customers c join orders o on o.customer_id = c.id"
                        + " where c.region = 'north'",
                "ANALYZE, BUFFERS"));
        c.add(of("misestimate-correlated", SERIAL, "select * from corr where a = 1 and b = 1", "ANALYZE, BUFFERS"));
        c.add(of(
                "dml-update",
                SERIAL,
                "update orders set amount = amount + 1 where customer_id < 50",
                "ANALYZE, BUFFERS, WAL"));
        c.add(of(
                "dml-cte-delete-insert",
                SERIAL,
                "with moved as (delete from orders where id < 200 returning *)"
                        + " insert into orders_archive select * from moved",
                "ANALYZE, BUFFERS, WAL"));
        c.add(of(
                "costs-only",
                SERIAL,
                "select c.region, sum(o.amount) from orders o join customers c on c.id = o.customer_id"
                        + " where o.created > date '2024-06-01' group by c.region order by 2 desc",
                "COSTS"));
        c.add(of(
                "timing-off",
                SERIAL,
                "select status, count(*) from orders group by status",
                "ANALYZE, TIMING OFF, BUFFERS"));
        c.add(of(
                "recursive-cte",
                SERIAL,
                "with recursive r(n) as (select 1 union all select n + 1 from r where n < 500)"
                        + " select sum(n) from r",
                "ANALYZE"));
        c.add(of(
                "window-limit",
                SERIAL,
                "select id, customer_id, rank() over (partition by customer_id order by amount desc) from orders"
                        + " where customer_id < 100 order by customer_id limit 50",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "union-except",
                SERIAL,
                "select customer_id from orders where amount < 5 except select id from customers where region ="
                        + " 'south'",
                "ANALYZE"));
        c.add(of(
                "merge-join",
                SERIAL + ";enable_hashjoin=off;enable_nestloop=off",
                "select count(*) from orders o join customers c on c.id = o.customer_id where c.id < 5000",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "index-without-leading-column",
                SERIAL,
                "select * from tickets where opened = date '2024-03-01'",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "index-leading-column-used",
                SERIAL,
                "select * from tickets where project = 7 and opened = date '2024-03-01'",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "index-backward-filter",
                SERIAL,
                "select * from tickets where state = 'open' order by id desc limit 10",
                "ANALYZE, BUFFERS"));
        c.add(of(
                "index-backward-later-column",
                SERIAL,
                "select * from tickets where opened = date '2024-03-01' order by project desc limit 5",
                "ANALYZE, BUFFERS"));
        c.add(of("tiny-index-lookup", SERIAL, "select * from tickets where id = 42", "ANALYZE, BUFFERS"));
        c.add(of("tiny-costs-only", SERIAL, "select * from tickets where id = 42", "COSTS"));
        c.add(new Case(
                "psql-aligned",
                List.of(SERIAL),
                "select c.region, count(*) from customers c where c.id < 100 group by c.region",
                "ANALYZE, BUFFERS, SETTINGS",
                true));
        c.add(new Case(
                "psql-subplan-cte",
                List.of(SERIAL),
                "with t as materialized (select id from customers where id < 50)"
                        + " select (select count(*) from t), (select max(id) from t where id < (select 10))",
                "ANALYZE",
                true));
        return c;
    }

    private static Case of(String name, String settings, String sql, String options) {
        return new Case(name, List.of(settings.split(";")), sql, options, false);
    }

    static final List<String> SCHEMA = List.of(
            "create table customers (id int primary key, name text not null, region text not null)",
            "insert into customers select g, 'customer ' || g, (array['north','south','east','west'])[1 + g % 4]"
                    + " from generate_series(1, 20000) g",
            "create table orders (id int primary key, customer_id int not null, status text not null,"
                    + " amount numeric(10,2) not null, created date not null)",
            "insert into orders select g, 1 + (g::bigint * 7919) % 20000,"
                    + " case when g % 500 = 0 then 'lost' when g % 3 = 0 then 'shipped' else 'open' end,"
                    + " ((g * 31) % 100000) / 100.0, date '2024-01-01' + (g % 365)"
                    + " from generate_series(1, 300000) g",
            "create index orders_customer_idx on orders (customer_id)",
            "create table orders_archive (like orders)",
            "create table events (id int, ts date not null, kind int) partition by range (ts)",
            "create table events_q1 partition of events for values from ('2024-01-01') to ('2024-04-01')",
            "create table events_q2 partition of events for values from ('2024-04-01') to ('2024-07-01')",
            "create table events_q3 partition of events for values from ('2024-07-01') to ('2024-10-01')",
            "create table events_q4 partition of events for values from ('2024-10-01') to ('2025-01-01')",
            "insert into events select g, date '2024-01-01' + (g % 366), g % 7 from generate_series(1, 100000) g",
            "create table visits (id int, visitor int, note text)",
            "insert into visits select g, g % 20000, 'n' from generate_series(1, 200000) g",
            "create index visits_visitor_idx on visits (visitor)",
            "create table corr (a int, b int, pad text)",
            "insert into corr select g % 100, g % 100, 'x' from generate_series(1, 100000) g",
            // Old tickets stay open: a backward scan of the primary key reads nearly all of them to find ten.
            "create table tickets (id int primary key, project int not null, state text not null,"
                    + " opened date not null, title text not null)",
            "insert into tickets select g, g % 50, case when g <= 2000 then 'open' else 'closed' end,"
                    + " date '2023-01-01' + (g % 700), 'ticket ' || g from generate_series(1, 200000) g",
            "create index tickets_project_opened_idx on tickets (project, opened)",
            "vacuum analyze",
            // Dirty some pages after the vacuum so the visibility map is not all-visible: heap fetches.
            "update visits set note = 'm' where id % 40 = 0",
            "analyze visits");

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        Path out = Path.of(args.length > 1 ? args[1] : "src/test/resources/io/miglab/core/plan/fixtures/pg15");
        // A third argument names the cases to capture (comma-separated); the others' files are left as they are.
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        Files.createDirectories(out);
        String scratch = "miglab_plan_fixtures_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(url);
                Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + scratch);
            st.execute("create database " + scratch);
        }
        String scratchUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + scratch + "$1");
        try {
            try (Connection c = DriverManager.getConnection(scratchUrl);
                    Statement st = c.createStatement()) {
                for (String sql : SCHEMA) {
                    st.execute(sql);
                }
            }
            for (Case k : cases()) {
                if (!only.isEmpty() && !only.contains(k.name())) {
                    continue;
                }
                try (Connection c = DriverManager.getConnection(scratchUrl)) {
                    // Once to warm the cache, so both formats see the same buffers (hit, not read).
                    explain(c, k, k.options());
                    String json = explain(c, k, k.options() + ", FORMAT JSON");
                    String text = explain(c, k, k.options());
                    if (k.psql()) {
                        json = psql(scratchUrl, k, k.options() + ", FORMAT JSON");
                        text = psql(scratchUrl, k, k.options());
                    }
                    Files.writeString(out.resolve(k.name() + ".plan.json"), json, StandardCharsets.UTF_8);
                    Files.writeString(out.resolve(k.name() + ".plan.txt"), text, StandardCharsets.UTF_8);
                    IndexCatalog indexes = IndexCatalogReader.read(c, PlanParser.parse(json));
                    if (!indexes.indexes().isEmpty()) {
                        Files.write(out.resolve(k.name() + ".indexes.json"), indexes.toJson());
                    }
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(url);
                    Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + scratch + " with (force)");
            }
        }
    }

    private static String explain(Connection c, Case k, String options) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String s : k.settings()) {
                if (!s.isBlank()) {
                    st.execute("set local " + s.replace("=", " = '") + "'");
                }
            }
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = st.executeQuery("explain (" + options + ") " + k.sql())) {
                while (rs.next()) {
                    sb.append(rs.getString(1)).append('\n');
                }
            }
            return sb.toString();
        } finally {
            c.rollback();
        }
    }

    /** The same EXPLAIN through psql, so the fixture keeps psql's header, footer and continuation marks. */
    private static String psql(String jdbcUrl, Case k, String options) throws IOException, InterruptedException {
        String db = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        String port = jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+:?(\\d*)/.*$", "$1");
        StringBuilder script = new StringBuilder("begin;\n");
        for (String s : k.settings()) {
            if (!s.isBlank()) {
                script.append("set local ").append(s.replace("=", " = '")).append("';\n");
            }
        }
        script.append("explain (").append(options).append(") ").append(k.sql()).append(";\nrollback;\n");
        Process p = new ProcessBuilder(
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        port.isEmpty() ? "5432" : port,
                        "-U",
                        "postgres",
                        "-d",
                        db,
                        "-X",
                        "-q")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().write(script.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("psql failed for " + k.name() + ": " + output);
        }
        return output.toLowerCase(Locale.ROOT).contains("error") ? fail(k, output) : output;
    }

    private static String fail(Case k, String output) throws IOException {
        throw new IOException("psql reported an error for " + k.name() + ": " + output);
    }

    private FixtureCapture() {}
}
