package io.miglab.app.metrics;

/**
 * A fixed-size ring of (time, CPU, memory) readings for one container: the app keeps an hour (or whatever the
 * capacity holds) however long it runs, and drops the oldest first.
 */
public final class SeriesBuffer {
    private final long[] at;
    private final double[] cpu;
    private final long[] memory;
    private int start;
    private int size;

    public SeriesBuffer(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        at = new long[capacity];
        cpu = new double[capacity];
        memory = new long[capacity];
    }

    /** Adds a reading; one not newer than the last is ignored (metrics-server repeats a reading until it scrapes). */
    public void add(long epochMillis, double cpuMillicores, long memoryBytes) {
        if (size > 0 && epochMillis <= at[index(size - 1)]) {
            return;
        }
        int i;
        if (size < at.length) {
            i = index(size);
            size++;
        } else {
            i = start;
            start = (start + 1) % at.length;
        }
        at[i] = epochMillis;
        cpu[i] = cpuMillicores;
        memory[i] = memoryBytes;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return at.length;
    }

    public long at(int i) {
        return at[index(i)];
    }

    public double cpu(int i) {
        return cpu[index(i)];
    }

    public long memory(int i) {
        return memory[index(i)];
    }

    public double lastCpu() {
        return size == 0 ? Double.NaN : cpu(size - 1);
    }

    public long lastMemory() {
        return size == 0 ? -1 : memory(size - 1);
    }

    /**
     * At most {@code points} readings from {@code fromMillis} on, for a chart: each bucket of consecutive readings
     * keeps its maximum, so a short spike still shows (a mean would flatten the peaks sizing cares about).
     *
     * @return rows of {time, cpu, memory}
     */
    public double[][] downsample(long fromMillis, int points) {
        return downsample(fromMillis, Long.MAX_VALUE, points);
    }

    /** As {@link #downsample(long, int)}, of the readings from {@code fromMillis} to {@code toMillis} inclusive. */
    public double[][] downsample(long fromMillis, long toMillis, int points) {
        int first = 0;
        while (first < size && at(first) < fromMillis) {
            first++;
        }
        int end = size;
        while (end > first && at(end - 1) > toMillis) {
            end--;
        }
        int n = end - first;
        if (n <= 0) {
            return new double[0][];
        }
        int buckets = Math.min(points, n);
        double[][] out = new double[buckets][];
        for (int b = 0; b < buckets; b++) {
            int from = first + (int) ((long) b * n / buckets);
            int to = first + (int) ((long) (b + 1) * n / buckets);
            double maxCpu = 0;
            long maxMemory = 0;
            for (int i = from; i < to; i++) {
                maxCpu = Math.max(maxCpu, cpu(i));
                maxMemory = Math.max(maxMemory, memory(i));
            }
            out[b] = new double[] {at(to - 1), maxCpu, maxMemory};
        }
        return out;
    }

    private int index(int i) {
        return (start + i) % at.length;
    }
}
