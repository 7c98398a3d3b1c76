package io.miglab.core.migrate.dump;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A PostgreSQL client program (pg_dump, pg_restore) run as a child: its environment is built here (the password only
 * in {@code PGPASSWORD}, never on the command line), its stderr is read line by line as it comes (the verbose
 * progress), and a cancel kills the whole process tree, since {@code -j} forks workers of its own.
 */
final class ChildProcess implements AutoCloseable {
    /** stderr lines kept for the one-line error when the program fails. */
    private static final int TAIL = 20;

    private final String program;
    private final Process process;
    private final Thread stderrReader;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Cancellation.Registration registration;
    private final long started = System.nanoTime();

    private ChildProcess(String program, Process process, Consumer<String> stderrLines, Cancellation cancellation) {
        this.program = program;
        this.process = process;
        this.stderrReader = new Thread(() -> readLines(process.getErrorStream(), stderrLines), program + "-stderr");
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
        this.registration = cancellation.onCancel(this::killTree);
    }

    /**
     * Starts {@code command}. {@code environment} is laid over the inherited one after the libpq variables that
     * could change what the program connects to or how (password, options, service files) are removed.
     */
    static ChildProcess start(
            List<String> command,
            Map<String, String> environment,
            Consumer<String> stderrLines,
            Cancellation cancellation) {
        cancellation.checkpoint();
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        for (String name : List.of(
                "PGPASSWORD",
                "PGPASSFILE",
                "PGOPTIONS",
                "PGSERVICE",
                "PGSERVICEFILE",
                "PGHOST",
                "PGHOSTADDR",
                "PGPORT",
                "PGDATABASE",
                "PGUSER",
                "PGSSLMODE",
                "LANGUAGE")) {
            env.remove(name);
        }
        // The verbose lines are parsed for progress: they must be in English.
        env.put("LC_ALL", "C");
        env.putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
        String program = java.nio.file.Path.of(command.get(0)).getFileName().toString();
        try {
            return new ChildProcess(program, builder.start(), stderrLines, cancellation);
        } catch (IOException e) {
            throw new MigLabException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The program's stdout, for callers that stream it (pg_restore -f - into the gated script runner). */
    InputStream stdout() {
        return process.getInputStream();
    }

    /** Waits for the end; throws {@link CancelledException} when it was cancelled. */
    int waitFor(Cancellation cancellation) {
        try {
            int code = process.waitFor();
            stderrReader.join(10_000);
            cancellation.checkpoint();
            return code;
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** Waits and fails with the program's last error line when it exits with an error. */
    void succeedOrThrow(Cancellation cancellation, String doing) {
        int code = waitFor(cancellation);
        if (code != 0) {
            throw new MigLabException(doing + " failed (" + program + " exit " + code + "): " + lastError());
        }
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The most telling stderr line: the last error, else the last line. */
    synchronized String lastError() {
        List<String> lines = new ArrayList<>(tail);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.contains("error:") || l.contains("FATAL") || l.contains("ERROR")) {
                return oneLine(l);
            }
        }
        return lines.isEmpty() ? "no message" : oneLine(lines.get(lines.size() - 1));
    }

    private static String oneLine(String line) {
        String s = line.strip().replaceFirst("^(pg_dump|pg_restore): ", "").replaceFirst("^error: ", "");
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private void readLines(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
                try {
                    lines.accept(line);
                } catch (RuntimeException ignored) {
                    // A listener's problem must not stop the draining, or the child blocks on a full pipe.
                }
            }
        } catch (IOException ignored) {
            // The child went away (killed on cancel): nothing more to read.
        }
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        registration.close();
        if (process.isAlive()) {
            killTree();
        }
    }
}
