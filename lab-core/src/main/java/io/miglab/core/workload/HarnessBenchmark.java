package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlToken;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures MigLab's own overhead: the same trivial statement through the {@link BaselineRunner} and through
 * {@code pgbench -c 1 -n -f script -t N}, alternating, in one run. pgbench is the anchor everyone knows; if MigLab's
 * latency on {@code SELECT 1} is within 10 % of it, MigLab's figures on real queries are the query's, not the
 * harness's.
 *
 * <p>pgbench without {@code -P} or {@code -r} reports "latency average" as its run time divided by the
 * transactions, so the like-for-like MigLab figure is also wall time per execution ({@link Result#ratio()}); the
 * per-statement latency MigLab records (execute and read, timed on the client) is shown beside it.
 */
public final class HarnessBenchmark {
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    /** The same figure with more digits: with one client, latency average = 1000 / tps ms. */
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private static final double GOAL = 1.10;

    private final ConnectionFactory factory;
    private final PgbenchTarget target;

    public HarnessBenchmark(ConnectionFactory factory, PgbenchTarget target) {
        this.factory = factory;
        this.target = target;
    }

    /**
     * Where pgbench connects: the same server and database as the factory. No password here: pgbench finds one in
     * ~/.pgpass or PGPASSWORD like psql does.
     */
    public record PgbenchTarget(String host, int port, String user, String database) {
        private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*).*");

        /** From {@code jdbc:postgresql://host:port/database}. */
        public static PgbenchTarget fromJdbcUrl(String url, String user) {
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                throw new MigLabException("Cannot read host, port and database from the JDBC URL " + url + ".");
            }
            int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
            return new PgbenchTarget(m.group(1), port, user, m.group(3));
        }
    }

    /**
     * @param transactions executions per side per round
     * @param rounds MigLab and pgbench alternate this many times (who goes first alternates too); the medians count
     * @param pgbench the pgbench executable, found on PATH when it is a bare name
     */
    public record Options(String sql, int transactions, int rounds, Duration timeout, String pgbench) {
        public Options {
            Ranges.require(transactions, 1, 10_000_000, "Transactions");
            Ranges.require(rounds, 1, 1_001, "Rounds");
            Ranges.require(timeout, Durations.SHORTEST, Durations.LONGEST, "The harness timeout");
            if (sql == null || sql.isBlank()) {
                throw new MigLabException("The harness statement is empty.");
            }
        }

        public static Options defaults() {
            return new Options("SELECT 1", 5_000, 11, Duration.ofMinutes(5), "pgbench");
        }
    }

    /** One round's figures in milliseconds per execution; the two sides ran back to back. */
    public record Round(int round, double miglabLatencyMs, double miglabWallMs, double pgbenchLatencyMs) {
        public double ratio() {
            return miglabWallMs / pgbenchLatencyMs;
        }
    }

    /**
     * @param miglabLatencyMs median over rounds of MigLab's mean recorded latency
     * @param miglabWallMs median over rounds of MigLab's measured time per execution
     * @param pgbenchLatencyMs median over rounds of pgbench's "latency average"
     * @param ratio the median over rounds of each round's {@code miglabWallMs / pgbenchLatencyMs}: pairing the two
     *     sides that ran back to back cancels most of the drift of a busy machine. The goal is at most 1.10
     * @param latencyRatio the same with MigLab's recorded latency
     * @param bestRatio the fastest MigLab round against the fastest pgbench round: on a machine shared with other
     *     work, the least disturbed rounds come closest to each tool's own cost
     */
    public record Result(
            String sql,
            int transactions,
            String pgbenchVersion,
            List<Round> rounds,
            double miglabLatencyMs,
            double miglabWallMs,
            double pgbenchLatencyMs,
            double ratio,
            double latencyRatio,
            double bestRatio) {
        public Result {
            rounds = List.copyOf(rounds);
        }

        public boolean withinGoal() {
            return ratio <= GOAL;
        }

        /** The figures side by side, for a terminal or a report. */
        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "Harness benchmark: %s, %d executions per side per round, 1 client, %s%n",
                    sql,
                    transactions,
                    pgbenchVersion));
            out.append(String.format(
                    Locale.ROOT,
                    "%-6s %18s %18s %18s%n",
                    "round",
                    "miglab latency ms",
                    "miglab wall ms",
                    "pgbench ms"));
            for (Round r : rounds) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-6d %18.4f %18.4f %18.4f %8.3f%n",
                        r.round(),
                        r.miglabLatencyMs(),
                        r.miglabWallMs(),
                        r.pgbenchLatencyMs(),
                        r.ratio()));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-6s %18.4f %18.4f %18.4f %8.3f%n",
                    "median",
                    miglabLatencyMs,
                    miglabWallMs,
                    pgbenchLatencyMs,
                    ratio));
            out.append(String.format(
                    Locale.ROOT,
                    "%-6s %18.4f %18.4f %18.4f %8.3f%n",
                    "best",
                    rounds.stream().mapToDouble(Round::miglabLatencyMs).min().orElse(0),
                    rounds.stream().mapToDouble(Round::miglabWallMs).min().orElse(0),
                    rounds.stream().mapToDouble(Round::pgbenchLatencyMs).min().orElse(0),
                    bestRatio));
            out.append(String.format(
                    Locale.ROOT,
                    "median ratio miglab/pgbench: %.3f (wall per execution), %.3f (recorded latency); goal <= %.2f: %s%n",
                    ratio,
                    latencyRatio,
                    GOAL,
                    withinGoal() ? "met" : "NOT met"));
            return out.toString();
        }
    }

    public Result run(Options options, Cancellation cancellation, ProgressListener progress) {
        SqlStatement statement = SqlStatements.single(options.sql(), "The harness benchmark");
        if (statement.tokens().stream().anyMatch(t -> t.kind() == SqlToken.Kind.BACKSLASH)) {
            throw new MigLabException("The harness statement holds a backslash outside quotes, which pgbench would run"
                    + " as a meta-command (\\shell runs programs); give plain SQL.");
        }
        if (!factory.writable()) {
            // pgbench runs statements in its own sessions, where MigLab's gate cannot look at each transaction.
            throw new MigLabException(
                    "The harness benchmark runs pgbench, which MigLab cannot hold to its guard; it is refused on a"
                            + " guarded target while writes are locked.",
                    "Run it on a lab instance, or unlock the target first.",
                    null);
        }
        Path script;
        try {
            script = Files.createTempFile("miglab-harness-", ".sql");
            // On a line of its own: a trailing -- comment must not swallow the semicolon.
            Files.writeString(script, statement.text() + "\n;\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigLabException("Cannot write the pgbench script: " + e.getMessage(), e);
        }
        try {
            String version = pgbenchVersion(options);
            Workload workload = new Workload("harness", List.of(WorkloadStatement.of("harness", options.sql())));
            BaselineOptions baseline = BaselineOptions.defaults()
                    .withWarmup(Math.min(1000, Math.max(10, options.transactions() / 10)))
                    .withIterations(options.transactions())
                    .withStatStatements(false);
            BaselineRunner runner = new BaselineRunner(factory);
            // One uncounted MigLab run first: it lets the JIT compile the driver and the runner, a one-time cost of
            // a fresh JVM that a long-running app or CLI batch pays once, not per statement.
            progress.report(Progress.of("Harness benchmark: warming up the JVM", 0, options.rounds()));
            runner.run(null, workload, baseline, cancellation, ProgressListener.NONE, BaselineListener.NONE);
            List<Round> rounds = new ArrayList<>();
            for (int i = 1; i <= options.rounds(); i++) {
                cancellation.checkpoint();
                progress.report(Progress.of("Harness benchmark: round " + i, i - 1, options.rounds()));
                double pgbenchMs;
                BaselineResult miglab;
                if (i % 2 == 1) {
                    miglab = runner.run(
                            null, workload, baseline, cancellation, ProgressListener.NONE, BaselineListener.NONE);
                    pgbenchMs = pgbench(options, script, cancellation);
                } else {
                    pgbenchMs = pgbench(options, script, cancellation);
                    miglab = runner.run(
                            null, workload, baseline, cancellation, ProgressListener.NONE, BaselineListener.NONE);
                }
                if (miglab.cancelled()) {
                    throw new CancelledException();
                }
                if (miglab.errors() > 0) {
                    throw new MigLabException("The harness statement failed in MigLab: "
                            + miglab.statements().get(0).firstError());
                }
                rounds.add(new Round(
                        i, miglab.latency().meanMs(), miglab.elapsedSeconds() * 1000 / miglab.executions(), pgbenchMs));
            }
            progress.report(Progress.of("Harness benchmark done", options.rounds(), options.rounds()));
            double latency =
                    median(rounds.stream().mapToDouble(Round::miglabLatencyMs).toArray());
            double wall =
                    median(rounds.stream().mapToDouble(Round::miglabWallMs).toArray());
            double pg =
                    median(rounds.stream().mapToDouble(Round::pgbenchLatencyMs).toArray());
            double ratio = median(rounds.stream().mapToDouble(Round::ratio).toArray());
            double latencyRatio = median(rounds.stream()
                    .mapToDouble(r -> r.miglabLatencyMs() / r.pgbenchLatencyMs())
                    .toArray());
            double best = rounds.stream().mapToDouble(Round::miglabWallMs).min().orElseThrow()
                    / rounds.stream().mapToDouble(Round::pgbenchLatencyMs).min().orElseThrow();
            return new Result(
                    options.sql(),
                    options.transactions(),
                    version,
                    rounds,
                    latency,
                    wall,
                    pg,
                    ratio,
                    latencyRatio,
                    best);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // A temp file left behind is harmless.
            }
        }
    }

    private double pgbench(Options options, Path script, Cancellation cancellation) {
        List<String> command = List.of(
                options.pgbench(),
                "-h",
                target.host(),
                "-p",
                Integer.toString(target.port()),
                "-U",
                target.user(),
                "-c",
                "1",
                "-n",
                "-f",
                script.toString(),
                "-t",
                Integer.toString(options.transactions()),
                target.database());
        String output = execute(command, options.timeout(), cancellation);
        Matcher tps = TPS.matcher(output);
        if (tps.find() && Double.parseDouble(tps.group(1)) > 0) {
            return 1000 / Double.parseDouble(tps.group(1));
        }
        Matcher m = LATENCY.matcher(output);
        if (!m.find()) {
            throw new MigLabException("pgbench gave no latency average. Its output:\n" + output.strip());
        }
        return Double.parseDouble(m.group(1));
    }

    private static String pgbenchVersion(Options options) {
        return execute(List.of(options.pgbench(), "--version"), Duration.ofSeconds(30), Cancellation.none())
                .strip();
    }

    private static String execute(List<String> command, Duration timeout, Cancellation cancellation) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MigLabException(
                    "Cannot start " + command.get(0) + ": " + e.getMessage(),
                    "Install the PostgreSQL client tools (pgbench) or give the path to pgbench.",
                    e);
        }
        try (Cancellation.Registration ignored = cancellation.onCancel(process::destroy);
                InputStream in = process.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MigLabException(command.get(0) + " did not finish within " + timeout + ".");
            }
            cancellation.checkpoint();
            String output = new String(bytes, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new MigLabException(
                        command.get(0) + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new MigLabException("Cannot read the output of " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new CancelledException();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
