package io.miglab.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.ClientTools.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Choosing a client program among several, on stand-ins that print what real ones print for --version. */
class ClientToolsTest {
    @TempDir
    Path dir;

    Path fakeTool(String folder, String program, String versionLine) throws IOException {
        Path bin = dir.resolve(folder);
        Files.createDirectories(bin);
        Path script = bin.resolve(program);
        Files.writeString(script, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)|15",
                "pg_restore (PostgreSQL) 16.4|16",
                "psql (PostgreSQL) 18beta1|18",
                "pg_dump (PostgreSQL) 9.6.24|9"
            })
    void theMajorIsReadFromVersionOutput(String output, int major) {
        assertThat(ClientTools.parseMajor(output)).contains(major);
    }

    @Test
    void theClosestMajorAtLeastTheServersIsChosen() throws IOException {
        ClientTools tools = new ClientTools(List.of(
                fakeTool("a", "pg_dump", "pg_dump (PostgreSQL) 15.4"),
                fakeTool("b", "pg_dump", "pg_dump (PostgreSQL) 17.2"),
                fakeTool("c", "pg_dump", "pg_dump (PostgreSQL) 18.1"),
                fakeTool("d", "pg_dump", "not a PostgreSQL program"),
                dir.resolve("missing")));

        assertThat(tools.all(Tool.PG_DUMP)).extracting(ClientTool::major).containsExactly(18, 17, 15);
        assertThat(tools.forServer(Tool.PG_DUMP, 15).path()).isEqualTo(dir.resolve("a/pg_dump"));
        assertThat(tools.forServer(Tool.PG_DUMP, 16).major()).isEqualTo(17);
        assertThat(tools.forServer(Tool.PG_DUMP, 18).major()).isEqualTo(18);
        assertThatThrownBy(() -> tools.forServer(Tool.PG_DUMP, 19))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The newest pg_dump here is 18 (" + dir.resolve("c/pg_dump")
                        + "); PostgreSQL 19 needs pg_dump 19 or newer.")
                .satisfies(e -> assertThat(((MigLabException) e).hint())
                        .startsWith("Install the PostgreSQL 19 client programs: ")
                        .endsWith("or name a folder holding them in MIGLAB_PG_BIN."));
    }

    @Test
    void aRestoreNeedsAToolAtLeastTheDumpsMajorNotTheServers() throws IOException {
        ClientTools tools = new ClientTools(List.of(
                fakeTool("a", "pg_restore", "pg_restore (PostgreSQL) 15.4"),
                fakeTool("b", "pg_restore", "pg_restore (PostgreSQL) 17.2")));

        assertThat(tools.forRestore(Tool.PG_RESTORE, 15, 16).major())
                .as("closest at least the server's")
                .isEqualTo(17);
        assertThat(tools.forRestore(Tool.PG_RESTORE, 15, 18).major())
                .as("an older tool restores into a newer server")
                .isEqualTo(17);
        assertThat(new ClientTools(List.of(dir.resolve("a")))
                        .forRestore(Tool.PG_RESTORE, 15, 16)
                        .major())
                .isEqualTo(15);
        assertThatThrownBy(() -> tools.forRestore(Tool.PG_RESTORE, 18, 18))
                .isInstanceOf(MigLabException.class)
                .hasMessage("No pg_restore 18 or newer was found to restore what pg_dump 18 wrote (the newest here is"
                        + " 17, " + dir.resolve("b/pg_restore") + ").");
    }

    @Test
    void noToolAtAllSaysWhereItLooked() {
        ClientTools tools = new ClientTools(List.of(dir));

        assertThatThrownBy(() -> tools.forServer(Tool.PG_RESTORE, 16))
                .isInstanceOf(MigLabException.class)
                .hasMessage("No pg_restore was found (looked in MIGLAB_PG_BIN, PATH and the per-version folders such as"
                        + " /usr/lib/postgresql/<major>/bin); PostgreSQL 16 needs pg_restore 16 or newer.");
    }

    @Test
    void theSameProgramReachedTwiceIsListedOnce() throws IOException {
        Path bin = fakeTool("a", "psql", "psql (PostgreSQL) 16.2");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, bin);

        assertThat(new ClientTools(List.of(bin, link, bin)).all(Tool.PSQL)).hasSize(1);
    }
}
