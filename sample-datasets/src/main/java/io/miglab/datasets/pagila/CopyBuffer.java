package io.miglab.datasets.pagila;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash escapes) into a fixed
 * buffer that is handed to a {@link Sink} whenever it fills: the COPY protocol for loading, a file for the benchmark.
 * Memory is the buffer, whatever the number of rows; formatting avoids {@code String.format} and per-row garbage
 * because it runs millions of times.
 */
final class CopyBuffer implements CopyRows {
    /** Where full buffers go. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    @Override
    public void finish() throws IOException {
        flush();
    }

    private static final int SIZE = 1 << 16;
    private static final int HEADROOM = 4096;
    private static final long EPOCH_DAY_BASE = LocalDate.of(2020, 1, 1).toEpochDay();
    private static final byte[][] DAYS = new byte[2200][];

    static {
        for (int i = 0; i < DAYS.length; i++) {
            DAYS[i] = LocalDate.ofEpochDay(EPOCH_DAY_BASE + i).toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Sink sink;
    private final java.util.function.LongConsumer rowsFlushed;
    private final byte[] buffer = new byte[SIZE];
    private long rows;
    private long rowsAtFlush;
    private int length;
    private boolean firstColumn = true;
    private long bytesWritten;

    CopyBuffer(Sink sink) {
        this(sink, rows -> {});
    }

    /** {@code rowsFlushed} hears how many rows each flush sent, for live progress. */
    CopyBuffer(Sink sink, java.util.function.LongConsumer rowsFlushed) {
        this.sink = sink;
        this.rowsFlushed = rowsFlushed;
    }

    private void separate() {
        if (firstColumn) {
            firstColumn = false;
        } else {
            buffer[length++] = '\t';
        }
    }

    @Override
    public CopyBuffer integer(long value) {
        separate();
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        if (value == 0) {
            buffer[length++] = '0';
            return this;
        }
        int start = length;
        while (value > 0) {
            buffer[length++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
        return this;
    }

    /** A numeric(…,2) from a whole number of cents. */
    @Override
    public CopyBuffer cents(long cents) {
        integer(cents / 100);
        buffer[length++] = '.';
        int rest = (int) (cents % 100);
        buffer[length++] = (byte) ('0' + rest / 10);
        buffer[length++] = (byte) ('0' + rest % 10);
        return this;
    }

    @Override
    public CopyBuffer nul() {
        separate();
        buffer[length++] = '\\';
        buffer[length++] = 'N';
        return this;
    }

    @Override
    public CopyBuffer bool(boolean value) {
        separate();
        buffer[length++] = (byte) (value ? 't' : 'f');
        return this;
    }

    /** Text, escaped for COPY. */
    @Override
    public CopyBuffer text(String value) {
        separate();
        raw(value);
        return this;
    }

    /** Appends more text to the current column (no separator), escaped for COPY. */
    @Override
    public CopyBuffer more(String value) {
        raw(value);
        return this;
    }

    private void raw(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = '\\';
                    }
                    case '\t' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 't';
                    }
                    case '\n' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 'n';
                    }
                    case '\r' -> {
                        buffer[length++] = '\\';
                        buffer[length++] = 'r';
                    }
                    default -> buffer[length++] = (byte) c;
                }
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, buffer, length, utf8.length);
                length += utf8.length;
            }
        }
    }

    /** A timestamptz from seconds since the epoch, in UTC: {@code 2022-05-24 22:54:33+00}. */
    @Override
    public CopyBuffer timestamp(long epochSecond) {
        separate();
        long day = Math.floorDiv(epochSecond, 86400);
        int second = (int) Math.floorMod(epochSecond, 86400);
        day(day);
        buffer[length++] = ' ';
        two(second / 3600);
        buffer[length++] = ':';
        two(second / 60 % 60);
        buffer[length++] = ':';
        two(second % 60);
        buffer[length++] = '+';
        buffer[length++] = '0';
        buffer[length++] = '0';
        return this;
    }

    /** A date from days since the epoch. */
    @Override
    public CopyBuffer date(long epochDay) {
        separate();
        day(epochDay);
        return this;
    }

    private void day(long epochDay) {
        long index = epochDay - EPOCH_DAY_BASE;
        byte[] text = index >= 0 && index < DAYS.length
                ? DAYS[(int) index]
                : LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, buffer, length, text.length);
        length += text.length;
    }

    private void two(int value) {
        buffer[length++] = (byte) ('0' + value / 10);
        buffer[length++] = (byte) ('0' + value % 10);
    }

    /** Ends the row; hands the buffer to the sink when little room is left. */
    @Override
    public void endRow() throws IOException {
        buffer[length++] = '\n';
        firstColumn = true;
        rows++;
        if (length > SIZE - HEADROOM) {
            flush();
        }
    }

    void flush() throws IOException {
        if (length > 0) {
            sink.write(buffer, length);
            bytesWritten += length;
            length = 0;
            rowsFlushed.accept(rows - rowsAtFlush);
            rowsAtFlush = rows;
        }
    }

    @Override
    public long bytesWritten() {
        return bytesWritten + length;
    }
}
