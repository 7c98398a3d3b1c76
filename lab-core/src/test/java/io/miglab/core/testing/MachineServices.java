package io.miglab.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need besides the JDK: the machine's PostgreSQL service (127.0.0.1:5432, trust auth) and the
 * official Pagila release beside the repository ({@code ../shared/datasets/pagila}). On a developer's fresh machine
 * these tests are skipped with the reason; CI runs with {@code -Dmiglab.services.required=true}, where a missing
 * service fails the test instead, so nothing is skipped unnoticed.
 */
public final class MachineServices {
    public static final String HOST = System.getProperty("miglab.test.pghost", "127.0.0.1");
    public static final int PORT = Integer.getInteger("miglab.test.pgport", 5432);

    private static Boolean postgresUp;

    private MachineServices() {}

    /** Skips (or, in CI, fails) the calling test when the machine's PostgreSQL does not answer. */
    public static void assumePostgres() {
        require(postgresAnswers(), "the machine's PostgreSQL service at " + HOST + ":" + PORT + " does not answer");
    }

    /** Whether something accepts connections at the service's address (checked once per test JVM). */
    public static synchronized boolean postgresAnswers() {
        if (postgresUp == null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, PORT), 2000);
                postgresUp = true;
            } catch (IOException e) {
                postgresUp = false;
            }
        }
        return postgresUp;
    }

    /** The official Pagila release folder; skips (or, in CI, fails) when it is not beside the repository. */
    public static Path pagilaRelease() {
        Path folder = Path.of(System.getProperty("miglab.test.pagila", "../shared/datasets/pagila"));
        require(
                Files.isRegularFile(folder.resolve("pagila-data.sql")),
                "the official Pagila release is not at " + folder.toAbsolutePath());
        return folder;
    }

    private static void require(boolean available, String problem) {
        if (Boolean.getBoolean("miglab.services.required")) {
            Assertions.assertTrue(available, problem + " (required: miglab.services.required=true)");
        } else {
            Assumptions.assumeTrue(available, problem + "; skipped");
        }
    }
}
