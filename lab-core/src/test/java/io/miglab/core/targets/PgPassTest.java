package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassTest {
    @TempDir
    Path dir;

    @Test
    void firstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "# comment",
                        "db.example.com:5432:app:alice:first",
                        "db.example.com:*:*:alice:second",
                        "*:*:*:bob:pa\\:ss\\\\word",
                        ""));
        PgPass pgpass = PgPass.fromEnvironment(Map.of("PGPASSFILE", file.toString()));

        assertThat(pgpass.find("db.example.com", 5432, "app", "alice")).contains("first");
        assertThat(pgpass.find("db.example.com", 6000, "other", "alice")).contains("second");
        assertThat(pgpass.find("anywhere", 1, "x", "bob")).contains("pa:ss\\word");
        assertThat(pgpass.find("elsewhere", 5432, "app", "alice")).isEmpty();
    }

    @Test
    void missingFileMeansNoPassword() {
        assertThat(new PgPass(dir.resolve("none")).find("h", 1, "d", "u")).isEmpty();
    }
}
