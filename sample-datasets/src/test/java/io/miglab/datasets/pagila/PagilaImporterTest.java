package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.script.ScriptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class PagilaImporterTest {
    private final ScratchServer server = new ScratchServer();
    private final PagilaImporter importer = new PagilaImporter(server.factory());

    @AfterEach
    void dropDatabases() throws Exception {
        server.close();
    }

    @Test
    void importsTheOfficialReleaseWithExactCounts() throws Exception {
        String name = server.newName("pagila_import");
        List<Progress> reports = new CopyOnWriteArrayList<>();

        PagilaImport result =
                importer.importFrom(ScratchServer.pagila(), name, false, reports::add, Cancellation.none());

        // The counts of the rows in pagila-data.sql's COPY blocks (payment across its seven partitions).
        assertThat(result.rowsPerTable())
                .contains(
                        entry("actor", 200L),
                        entry("address", 603L),
                        entry("category", 16L),
                        entry("city", 600L),
                        entry("country", 109L),
                        entry("customer", 599L),
                        entry("film", 1000L),
                        entry("film_actor", 5462L),
                        entry("film_category", 2367L),
                        entry("inventory", 4581L),
                        entry("language", 6L),
                        entry("payment", 16049L),
                        entry("rental", 16044L),
                        entry("staff", 1500L),
                        entry("store", 500L));
        assertThat(result.timePerTable())
                .as("every table a COPY block loaded has its load time; the partitions count in payment")
                .containsKeys("actor", "film", "rental", "payment")
                .doesNotContainKey("payment_p2022_01")
                .allSatisfy((table, time) -> assertThat(time).isPositive());
        assertThat(result.rowsCopied())
                .isEqualTo(
                        200 + 109 + 600 + 603 + 16 + 500 + 599 + 6 + 1000 + 5462 + 2367 + 4581 + 1500 + 16044 + 16049);
        assertThat(server.exists(name)).isTrue();
        assertThat(server.stagingDatabases(name)).isEmpty();
        long total = Files.size(ScratchServer.pagila().resolve("pagila-schema.sql"))
                + Files.size(ScratchServer.pagila().resolve("pagila-data.sql"));
        assertThat(reports).anySatisfy(p -> assertThat(p.done()).isEqualTo(total));

        assertThatThrownBy(() -> importer.importFrom(
                        ScratchServer.pagila(), name, false, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("\"" + name + "\" already exists");
    }

    @Test
    void aFailedImportLeavesNoDatabaseBehind(@TempDir Path folder) throws Exception {
        Files.copy(ScratchServer.pagila().resolve("pagila-schema.sql"), folder.resolve("pagila-schema.sql"));
        Files.writeString(
                folder.resolve("pagila-data.sql"),
                "COPY public.language (language_id, name, last_update) FROM stdin;\n1\tEnglish\tnot a date\n\\.\n");
        String name = server.newName("pagila_broken");

        assertThatThrownBy(() -> importer.importFrom(folder, name, false, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("pagila-data.sql:2:")
                .hasMessageContaining("not a date");
        assertThat(server.exists(name)).isFalse();
        assertThat(server.stagingDatabases(name)).isEmpty();
    }

    @Test
    void aCancelledImportLeavesNoDatabaseBehind() throws Exception {
        String name = server.newName("pagila_cancel");
        Cancellation cancellation = new Cancellation();
        ProgressListener cancelOnFirstReport = progress -> cancellation.cancel();

        assertThatThrownBy(() ->
                        importer.importFrom(ScratchServer.pagila(), name, false, cancelOnFirstReport, cancellation))
                .isInstanceOf(CancelledException.class);
        assertThat(server.exists(name)).isFalse();
        assertThat(server.stagingDatabases(name)).isEmpty();
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path folder) {
        assertThatThrownBy(() -> importer.importFrom(folder, "x", false, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("No pagila-schema.sql in");
    }
}
