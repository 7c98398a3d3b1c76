package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.Launcher;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C of a real {@code miglab dataset pagila generate}: a child JVM runs the CLI against a lab instance and gets
 * SIGINT while it copies rows, as a terminal would send it.
 */
@Tag("postgres")
class DatasetCtrlCTest {
    private static final String END_OF_OUTPUT = "\u0000end";
    private static final Pattern STAGING = Pattern.compile("Creating the Pagila schema in (\\S+_loading_[0-9a-f]{8})");

    @TempDir
    static Path home;

    static Workspace workspace;

    @BeforeAll
    static void startLabInstance() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.labInstances().start("lab", ProgressListener.NONE);
    }

    @AfterAll
    static void stopLabInstance() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    @Test
    void sigintMarksTheExperimentCancelledAndDropsTheStagingDatabaseBeforeExit() throws Exception {
        String database = "ctrlc_" + ProcessHandle.current().pid();
        Process child =
                miglab("dataset", "pagila", "generate", "--scale", "30", "--target", "lab", "--database", database);
        BlockingQueue<String> stderr = drain(child);
        List<String> seen = new CopyOnWriteArrayList<>();

        // Wait on the child's own progress lines: the staging database it named, then COPY under way.
        String staging = null;
        String line;
        while ((line = next(stderr, seen)) != null && !line.startsWith("Copying ")) {
            Matcher m = STAGING.matcher(line);
            if (m.find()) {
                staging = m.group(1);
            }
        }
        assertThat(line).as("the load reached COPY; child said %s", seen).isNotNull();
        assertThat(staging)
                .as("the load named its staging database; child said %s", seen)
                .isNotNull();
        assertThat(databasesLike(database)).as("staging exists while loading").containsExactly(staging);

        interrupt(child);
        assertThat(child.waitFor(60, TimeUnit.SECONDS))
                .as("child exits after SIGINT")
                .isTrue();
        while (next(stderr, seen) != null) {
            // Collect the rest of the child's output for the messages below.
        }

        assertThat(child.exitValue())
                .as("exit status of SIGINT; child said %s", seen)
                .isEqualTo(130);
        assertThat(databasesLike(database))
                .as("no staging (or final) database is left; child said %s", seen)
                .isEmpty();
        assertThat(seen)
                .contains(
                        "miglab: cancelled; the experiment is recorded as cancelled and no database was left behind.");
        List<Experiment> loads = workspace.ledger().list(ExperimentFilter.ALL).stream()
                .filter(e -> e.kind().equals("dataset"))
                .toList();
        assertThat(loads)
                .singleElement()
                .satisfies(e -> assertThat(e.status()).as("child said %s", seen).isEqualTo(ExperimentStatus.CANCELLED));
    }

    /** The CLI in a JVM of its own, on this test's class path and home, as a user would run it. */
    private static Process miglab(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // A shell without job control starts background jobs with SIGINT ignored, and children inherit that;
            // the JVM then never sees Ctrl-C. A terminal user's miglab does, so give the child the default.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("MIGLAB_HOME", home.toString());
        env.put("PGPASSFILE", home.resolve("no-pgpass").toString());
        return builder.start();
    }

    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // SIGINT is 2
            }
        }
        return false;
    }

    private static void interrupt(Process child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** The child's stderr, line by line, as it comes; a marker line at its end. */
    private static BlockingQueue<String> drain(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader err =
                            new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = err.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("(reading stderr failed: " + e.getMessage() + ")");
                    } finally {
                        lines.add(END_OF_OUTPUT);
                    }
                },
                "child-stderr");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The next stderr line within 120 s, or null at the end of the output. */
    private static String next(BlockingQueue<String> lines, List<String> seen) throws InterruptedException {
        String line = lines.poll(120, TimeUnit.SECONDS);
        assertThat(line)
                .as("the child wrote a line within 120 s; it said %s", seen)
                .isNotNull();
        if (line.equals(END_OF_OUTPUT)) {
            return null;
        }
        seen.add(line);
        return line;
    }

    private static List<String> databasesLike(String prefix) throws SQLException {
        try (Connection c = workspace.targets().connector("lab").open("postgres");
                PreparedStatement query = c.prepareStatement(
                        "SELECT datname FROM pg_database WHERE left(datname, length(?)) = ? ORDER BY datname")) {
            query.setString(1, prefix);
            query.setString(2, prefix);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
