package io.miglab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8AndDropsAByteOrderMark() throws IOException {
        Path file = dir.resolve("w.sql");
        Files.write(file, "\uFEFFSELECT 'ä'\n".getBytes(StandardCharsets.UTF_8));
        assertThat(TextFiles.read(file, 1024, "the workload file")).isEqualTo("SELECT 'ä'\n");
    }

    @Test
    void aFileOverTheCapIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.sql");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024);
        }
        assertThatThrownBy(() -> TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "the workload file"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The workload file " + file + " is 3.0 GB, over the 16.0 MB MigLab reads into memory.");
    }

    @Test
    void aStreamOverTheCapIsRefused() {
        byte[] bytes = new byte[2048];
        assertThatThrownBy(() -> TextFiles.read(new ByteArrayInputStream(bytes), 1024, "standard input"))
                .hasMessage("Standard input is over the 1.0 kB MigLab reads into memory.");
    }

    @Test
    void invalidUtf8IsNamedByItsLine() throws IOException {
        Path file = dir.resolve("latin1.sql");
        Files.write(file, new byte[] {'a', '\n', 'b', '\n', 'c', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TextFiles.read(file, 1024, "the workload file"))
                .hasMessage("The workload file " + file + " is not valid UTF-8: line 3 has a byte sequence that is"
                        + " not UTF-8.");
    }

    @Test
    void missingFilesAndFoldersAreSaidPlainly() {
        assertThatThrownBy(() -> TextFiles.read(dir.resolve("nope.sql"), 1024, "the plan file"))
                .hasMessage("The plan file " + dir.resolve("nope.sql") + " does not exist.");
        assertThatThrownBy(() -> TextFiles.read(dir, 1024, "the plan file"))
                .hasMessage("The plan file " + dir + " is a folder, not a file.");
    }
}
