package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.migration.bench.BenchResult;
import io.miglab.core.migration.bench.MigrationBench;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab migrations bench} in-process, on a scratch database of the machine's PostgreSQL. */
@Tag("postgres")
@NeedsMachinePostgres
class MigrationsCliTest {
    static ScratchDatabase db;
    static final List<String> caches = new ArrayList<>();

    @TempDir
    static Path home;

    @TempDir
    Path temp;

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @BeforeAll
    static void target() {
        db = ScratchDatabase.create("migcli");
        assertThat(miglab("target", "add", "scratch", "--role", "lab", "--url", db.jdbcUrl() + "?user=postgres")
                        .code())
                .isZero();
    }

    @AfterAll
    static void drop() throws Exception {
        // Every template any bench of this home made, from the ledger: runs without --json leave theirs too.
        try (Ledger ledger = Ledger.open(io.miglab.core.workspace.MigLabHome.resolve(home, java.util.Map.of())
                .ledgerFile())) {
            MigrationBench bench = new MigrationBench(ledger, name -> null);
            for (Experiment e : ledger.list(new ExperimentFilter(MigrationBench.KIND, null, null, null, 0))) {
                bench.results(e.id()).map(BenchResult::cacheDatabase).ifPresent(caches::add);
            }
        }
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String cache : caches) {
                st.execute("DROP DATABASE IF EXISTS " + cache + " WITH (FORCE)");
            }
        }
        db.close();
    }

    private Path set(String name) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(
                dir.resolve("V1__create.sql"),
                "CREATE TABLE t (id int PRIMARY KEY, v text);\n-- " + UUID.randomUUID() + "\n");
        Files.writeString(
                dir.resolve("V2__fill.sql"), "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 5000) g;\n");
        Files.writeString(dir.resolve("V3__index.sql"), "CREATE INDEX t_v ON t (v);\n");
        Files.writeString(dir.resolve("V4__other.sql"), "CREATE TABLE u (id int);\n");
        return dir;
    }

    private static CliRun bench(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("migrations", "bench"));
        all.addAll(List.of(args));
        CliRun run = miglab(all.toArray(String[]::new));
        if (run.code() == 0 && all.contains("--json")) {
            JsonNode cache = run.json().path("cacheDatabase");
            if (cache.isTextual()) {
                caches.add(cache.asText());
            }
        }
        return run;
    }

    @Test
    void benchPrintsATablePerFileAndARerunComesFromTheCache() throws Exception {
        Path dir = set("plain");

        CliRun first = bench(dir.toString(), "--target", "scratch");
        CliRun json = bench(dir.toString(), "--target", "scratch", "--json");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Migrations bench of plain: 4 files, sequential")
                .contains("V2__fill.sql")
                .contains("INSERT")
                .contains("Slowest statement kinds:");
        assertThat(first.err()).contains("Stored as experiment");
        assertThat(json.code()).isZero();
        assertThat(json.json().path("cached").asBoolean()).isTrue();
        assertThat(json.json().path("files")).hasSize(4);
        caches.add(json.json().path("cacheDatabase").asText());

        CliRun parallel = bench(dir.toString(), "--target", "scratch", "--parallel");
        assertThat(parallel.code()).isZero();
        assertThat(parallel.out()).contains("parallel").contains("Batches: 3 (the widest runs 2 files at once)");
    }

    @Test
    void theGateExitsOneNamingTheSlowedFileAndZeroOnAnUnchangedRerun() throws Exception {
        Path dir = set("gated");
        CliRun baseline = bench(dir.toString(), "--target", "scratch", "--repeats", "3", "--json");
        assertThat(baseline.code()).as(baseline.err()).isZero();
        long id = baseline.json().path("experimentId").asLong();

        Files.writeString(dir.resolve("V2__fill.sql"), "SELECT pg_sleep(0.3);\n", StandardOpenOption.APPEND);
        CliRun slowed = bench(dir.toString(), "--target", "scratch", "--against", Long.toString(id));

        assertThat(slowed.code()).as(slowed.out()).isEqualTo(1);
        assertThat(slowed.out())
                .contains("Gate against experiment " + id + ": FAILED")
                .contains("V2__fill.sql");

        Files.writeString(
                dir.resolve("V2__fill.sql"), "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 5000) g;\n");
        CliRun rerun =
                bench(dir.toString(), "--target", "scratch", "--against", Long.toString(id), "--max-regression", "20%");
        assertThat(rerun.code()).as(rerun.out()).isZero();
        assertThat(rerun.out()).contains("PASSED");
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        CliRun missing = bench(temp.resolve("nothing").toString(), "--target", "scratch");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("does not exist or is not a folder");

        CliRun percent = bench(set("p").toString(), "--target", "scratch", "--max-regression", "lots");
        assertThat(percent.code()).isEqualTo(1);
        assertThat(percent.err()).contains("--max-regression takes a percentage such as 20%, not 'lots'.");
        assertThat(percent.err()).doesNotContain("Exception");

        CliRun against = bench(set("a").toString(), "--target", "scratch", "--against", "999");
        assertThat(against.code()).isEqualTo(1);
        assertThat(against.err()).contains("--against 999: the ledger has no experiment 999.");
    }
}
