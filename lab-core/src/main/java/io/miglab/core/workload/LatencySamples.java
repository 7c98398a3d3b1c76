package io.miglab.core.workload;

import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw latencies of a baseline, one row per measured execution: which statement, which client, when it started
 * (nanoseconds after the measured phase began) and how long it took. Kept in primitive arrays (a million rows is
 * about 25 MB) and stored as CSV, because honest comparisons resample the raw values, not a histogram.
 */
public final class LatencySamples {
    static final String HEADER = "statement,client,start_ns,latency_ns,ok";

    private final List<String> statements;
    private final int[] statement;
    private final int[] client;
    private final long[] startNanos;
    private final long[] latencyNanos;
    private final boolean[] ok;

    private LatencySamples(
            List<String> statements,
            int[] statement,
            int[] client,
            long[] startNanos,
            long[] latencyNanos,
            boolean[] ok) {
        this.statements = List.copyOf(statements);
        this.statement = statement;
        this.client = client;
        this.startNanos = startNanos;
        this.latencyNanos = latencyNanos;
        this.ok = ok;
    }

    public int size() {
        return statement.length;
    }

    /** The statement names, in workload order. */
    public List<String> statementNames() {
        return statements;
    }

    /** Latencies in nanoseconds of the successful executions of {@code name}, in recorded order. */
    public long[] latenciesNanos(String name) {
        return java.util.Arrays.stream(successfulExecutionsOf(name))
                .mapToLong(i -> latencyNanos[i])
                .toArray();
    }

    /**
     * The client (connection) of each successful execution of {@code name}, aligned with {@link
     * #latenciesNanos(String)}: executions on one connection share its luck (which core its server process got, its
     * plan cache), so comparisons resample connections, not single executions, when there are enough of them.
     */
    public int[] clientsOf(String name) {
        return java.util.Arrays.stream(successfulExecutionsOf(name))
                .map(i -> client[i])
                .toArray();
    }

    /** Positions of the successful executions of {@code name}, in recorded order; empty for an unknown name. */
    private int[] successfulExecutionsOf(String name) {
        int index = statements.indexOf(name);
        return java.util.stream.IntStream.range(0, statement.length)
                .filter(i -> index >= 0 && statement[i] == index && ok[i])
                .toArray();
    }

    /** RFC 4180 CSV with the header {@value #HEADER}; statement names never need quoting. */
    public byte[] toCsv() {
        StringBuilder out = new StringBuilder(HEADER.length() + statement.length * 40);
        out.append(HEADER).append('\n');
        for (int i = 0; i < statement.length; i++) {
            out.append(statements.get(statement[i]))
                    .append(',')
                    .append(client[i])
                    .append(',')
                    .append(startNanos[i])
                    .append(',')
                    .append(latencyNanos[i])
                    .append(',')
                    .append(ok[i] ? '1' : '0')
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads what {@link #toCsv()} wrote; statement order is first appearance unless {@code order} names them. */
    public static LatencySamples fromCsv(byte[] csv, List<String> order) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new MigLabException("The latency CSV does not start with the header " + HEADER + ".");
        }
        Builder builder = new Builder(order);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 5) {
                throw new MigLabException("The latency CSV line " + (i + 1) + " has " + f.length + " fields, not 5.");
            }
            try {
                builder.add(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), "1".equals(f[4]));
            } catch (NumberFormatException e) {
                throw new MigLabException("The latency CSV line " + (i + 1) + " has a bad number: " + e.getMessage());
            }
        }
        return builder.build();
    }

    /**
     * Joins the samples of several runs of the same workload, for example rounds run alternately with another
     * configuration (A B B A ...), so both sides of a comparison see the same drift of a busy machine. Clients are
     * renumbered so each connection of each run keeps its own number; start offsets stay relative to each run.
     */
    public static LatencySamples concat(List<LatencySamples> runs) {
        List<String> names = new ArrayList<>();
        for (LatencySamples run : runs) {
            for (String name : run.statements) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        int total = runs.stream().mapToInt(LatencySamples::size).sum();
        int[] statement = new int[total];
        int[] client = new int[total];
        long[] start = new long[total];
        long[] latency = new long[total];
        boolean[] ok = new boolean[total];
        int at = 0;
        int clientOffset = 0;
        for (LatencySamples run : runs) {
            int maxClient = -1;
            for (int i = 0; i < run.size(); i++) {
                statement[at] = names.indexOf(run.statements.get(run.statement[i]));
                client[at] = clientOffset + run.client[i];
                maxClient = Math.max(maxClient, run.client[i]);
                start[at] = run.startNanos[i];
                latency[at] = run.latencyNanos[i];
                ok[at] = run.ok[i];
                at++;
            }
            clientOffset += maxClient + 1;
        }
        return new LatencySamples(names, statement, client, start, latency, ok);
    }

    /** Joins per-client buffers into one set of samples. */
    static LatencySamples of(List<String> statements, List<Buffer> buffers) {
        int total = buffers.stream().mapToInt(b -> b.size).sum();
        int[] statement = new int[total];
        int[] client = new int[total];
        long[] start = new long[total];
        long[] latency = new long[total];
        boolean[] ok = new boolean[total];
        int at = 0;
        for (Buffer b : buffers) {
            System.arraycopy(b.statement, 0, statement, at, b.size);
            Arrays.fill(client, at, at + b.size, b.client);
            System.arraycopy(b.start, 0, start, at, b.size);
            System.arraycopy(b.latency, 0, latency, at, b.size);
            System.arraycopy(b.ok, 0, ok, at, b.size);
            at += b.size;
        }
        return new LatencySamples(statements, statement, client, start, latency, ok);
    }

    /** One client's samples as it records them: single-threaded, growing, capped. */
    static final class Buffer {
        final int client;
        final int capacity;
        int size;
        int[] statement = new int[1024];
        long[] start = new long[1024];
        long[] latency = new long[1024];
        boolean[] ok = new boolean[1024];

        Buffer(int client, int capacity) {
            this.client = client;
            this.capacity = capacity;
        }

        /** Returns false when the buffer is full and the sample was dropped. */
        boolean add(int statementIndex, long startNanos, long latencyNanos, boolean success) {
            if (size >= capacity) {
                return false;
            }
            if (size == statement.length) {
                int grown = (int) Math.min((long) statement.length * 2, Integer.MAX_VALUE - 8);
                statement = Arrays.copyOf(statement, grown);
                start = Arrays.copyOf(start, grown);
                latency = Arrays.copyOf(latency, grown);
                ok = Arrays.copyOf(ok, grown);
            }
            statement[size] = statementIndex;
            start[size] = startNanos;
            latency[size] = latencyNanos;
            ok[size] = success;
            size++;
            return true;
        }
    }

    private static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Buffer buffer = new Buffer(0, Integer.MAX_VALUE - 8);
        private int[] clients = new int[1024];

        Builder(List<String> order) {
            for (String name : order) {
                intern(name);
            }
        }

        void add(String name, int client, long start, long latency, boolean ok) {
            if (buffer.size == clients.length) {
                clients = Arrays.copyOf(clients, clients.length * 2);
            }
            clients[buffer.size] = client;
            buffer.add(intern(name), start, latency, ok);
        }

        private int intern(String name) {
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        LatencySamples build() {
            int n = buffer.size;
            return new LatencySamples(
                    names,
                    Arrays.copyOf(buffer.statement, n),
                    Arrays.copyOf(clients, n),
                    Arrays.copyOf(buffer.start, n),
                    Arrays.copyOf(buffer.latency, n),
                    Arrays.copyOf(buffer.ok, n));
        }
    }
}
