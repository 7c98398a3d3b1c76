package io.miglab.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptStatementsTest {
    @TempDir
    Path dir;

    @Test
    void statementsAreCutAsTheRunnerCutsThemWithMetaCommandsAndCopyDataLeftOut() throws IOException {
        Path file = dir.resolve("s.sql");
        Files.writeString(
                file,
                "-- header\nSELECT 1;\n\\set x 1\nCOPY t (a) FROM stdin;\nit's; not SQL\n\\.\n"
                        + "DO $$ BEGIN PERFORM 1; END $$;\n  SELECT 2");
        assertThat(ScriptStatements.read(file))
                .containsExactly(
                        new ScriptStatements.Statement("SELECT 1", 2),
                        new ScriptStatements.Statement("COPY t (a) FROM stdin", 4),
                        new ScriptStatements.Statement("DO $$ BEGIN PERFORM 1; END $$", 7),
                        new ScriptStatements.Statement("SELECT 2", 8));
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByFileAndLine() throws IOException {
        Path file = dir.resolve("latin1.sql");
        Files.write(
                file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 'S', 'E', 'L', ' ', (byte) 0xe9});
        assertThatThrownBy(() -> ScriptStatements.read(file))
                .isInstanceOf(MigLabException.class)
                .hasMessage(file + ":2: invalid byte sequence for encoding \"UTF8\": 0xe9.");
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThatThrownBy(() -> ScriptStatements.read(dir.resolve("nope.sql")))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The script " + dir.resolve("nope.sql") + " does not exist.");
    }
}
