package io.miglab.core.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSetTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void flywayVersionsCompareNumericallyPartByPartWithRepeatablesLastInNameOrder() throws IOException {
        write("V10__ten.sql", "SELECT 1;");
        write("V2__two.sql", "SELECT 1;");
        write("V1_1__one_one.sql", "SELECT 1;");
        write("V1.2__one_two.sql", "SELECT 1;");
        write("V1__one.sql", "SELECT 1;");
        write("R__b_view.sql", "SELECT 1;");
        write("R__a_view.sql", "SELECT 1;");
        write("README.md", "not a migration");

        MigrationSet set = MigrationSet.read(dir);

        assertThat(set.layout()).isEqualTo(MigrationSet.Layout.FLYWAY);
        assertThat(set.files())
                .extracting(MigrationFile::fileName)
                .containsExactly(
                        "V1__one.sql",
                        "V1_1__one_one.sql",
                        "V1.2__one_two.sql",
                        "V2__two.sql",
                        "V10__ten.sql",
                        "R__a_view.sql",
                        "R__b_view.sql");
        assertThat(set.files().get(1).version()).isEqualTo("1_1");
        assertThat(set.files().get(1).name()).isEqualTo("one_one");
        assertThat(set.files().get(5).repeatable()).isTrue();
    }

    @Test
    void plainNumberedFilesOrderByNumberWithEitherSeparator() throws IOException {
        write("010_last.sql", "SELECT 1;");
        write("2-second.sql", "SELECT 1;");
        write("001_first.sql", "SELECT 1;");

        MigrationSet set = MigrationSet.read(dir);

        assertThat(set.layout()).isEqualTo(MigrationSet.Layout.NUMBERED);
        assertThat(set.files())
                .extracting(MigrationFile::fileName)
                .containsExactly("001_first.sql", "2-second.sql", "010_last.sql");
    }

    @Test
    void hashAndDeclaredDependenciesComeFromTheFile() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write(
                "V2__b.sql",
                "-- depends: V1, 1\n--   depends:V7\nSELECT 2;\n-- depends: V9 (after a statement: not a header)\n");

        MigrationFile b = MigrationSet.read(dir).files().get(1);

        assertThat(b.declared()).containsExactly("V1", "1", "V7");
        // sha256 of the bytes, as sha256sum prints it
        assertThat(MigrationSet.read(dir).files().get(0).sha256())
                .isEqualTo("17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a");
        assertThat(b.isNamedBy("V2")).isTrue();
        assertThat(b.isNamedBy("2.0")).isTrue();
        assertThat(b.isNamedBy("V2__b.sql")).isTrue();
        assertThat(b.isNamedBy("V1")).isFalse();
    }

    @Test
    void badFoldersGiveOneLineNamingTheFile() throws IOException {
        assertThatThrownBy(() -> MigrationSet.read(dir))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("has no .sql files");

        write("V1__a.sql", "SELECT 1;");
        write("001_b.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationSet.read(dir))
                .hasMessageContaining("mixes Flyway names")
                .hasMessageContaining("001_b.sql");
        Files.delete(dir.resolve("001_b.sql"));

        write("V1.0__again.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationSet.read(dir))
                .hasMessageContaining("V1.0__again.sql")
                .hasMessageContaining("V1__a.sql")
                .hasMessageContaining("same version");
        Files.delete(dir.resolve("V1.0__again.sql"));

        Files.write(dir.resolve("V2__latin1.sql"), new byte[] {'S', 'E', 'L', (byte) 0xE9, ';'});
        assertThatThrownBy(() -> MigrationSet.read(dir))
                .hasMessageContaining("V2__latin1.sql")
                .hasMessageContaining("not valid UTF-8");
        Files.delete(dir.resolve("V2__latin1.sql"));

        write("Vx__odd.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationSet.read(dir))
                .hasMessageContaining("Vx__odd.sql")
                .hasMessageContaining("named neither");
    }
}
