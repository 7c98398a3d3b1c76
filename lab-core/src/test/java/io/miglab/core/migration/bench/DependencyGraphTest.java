package io.miglab.core.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyGraphTest {
    static final Path SET10 = Path.of("src/test/resources/migration-bench/set10");

    @TempDir
    Path dir;

    /**
     * Counted by hand from the files: three tables created at once; each filled after its creation; authors and
     * books indexed after their fill; events' index after its fill and, by its header, after V8; the foreign key
     * after everything that wrote books or authors (V8 is the latest); the view after events' index; the backfill
     * after the foreign key (it writes books, which V10 wrote); the repeatable view over books after the backfill.
     */
    @Test
    void theTestSetFallsIntoTheBatchesAHandCountGives() {
        DependencyGraph graph = DependencyGraph.of(MigrationSet.read(SET10));

        assertThat(graph.batchNames())
                .containsExactly(
                        List.of("V1__create_authors.sql", "V2__create_books.sql", "V3__create_events.sql"),
                        List.of("V4__fill_authors.sql", "V5__fill_books.sql", "V6__fill_events.sql"),
                        List.of("V7__index_authors.sql", "V8__index_books.sql"),
                        List.of("V9__index_events.sql", "V10__books_fk.sql"),
                        List.of("V11__view_recent_events.sql", "V12__backfill_pages.sql"),
                        List.of("R__book_stats.sql"));
        assertThat(graph.problems()).isEmpty();
        assertThat(graph.accesses().get(9).reads()).containsExactly("public.authors");
        assertThat(graph.accesses().get(11).reads()).containsExactly("public.authors");
    }

    @Test
    void aFileThatOnlyReadsWaitsForWritersAndAWriterWaitsForEarlierReaders() throws IOException {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V2__report.sql"), "CREATE TABLE r AS SELECT count(*) FROM t;");
        Files.writeString(dir.resolve("V3__other.sql"), "CREATE TABLE u (id int);");
        Files.writeString(dir.resolve("V4__drop_t.sql"), "DROP TABLE t;");

        DependencyGraph graph = DependencyGraph.of(MigrationSet.read(dir));

        assertThat(graph.dependsOn().get(1)).containsExactly(0);
        assertThat(graph.dependsOn().get(2)).isEmpty();
        // V4 writes t, which V2 read: it must wait for V2, not only for V1.
        assertThat(graph.dependsOn().get(3)).containsExactlyInAnyOrder(0, 1);
        assertThat(graph.batch()).containsExactly(0, 1, 0, 2);
    }

    @Test
    void declarationsOfLaterOrUnknownFilesAreReported() throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), "-- depends: V2\nCREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "-- depends: V9, V2\nCREATE TABLE b (id int);");

        DependencyGraph graph = DependencyGraph.of(MigrationSet.read(dir));

        assertThat(graph.problems())
                .containsExactly(
                        "cycle: V1__a.sql depends on the later V2__b.sql, which runs after it",
                        "unknown: V2__b.sql depends on V9, which is no file of the set",
                        "cycle: V2__b.sql depends on itself");
        assertThat(graph.batch()).containsExactly(0, 0);
    }
}
