package io.miglab.datasets.pagila;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes rows in COPY's binary format: a signature header, then per row a field count and length-prefixed fields in
 * each type's wire format (int4 big-endian, timestamptz and date counted from 2000-01-01, numeric in base-10000
 * digits), then a trailer. The server copies these values in without parsing text, which matters most for
 * timestamps. Same fixed buffer as {@link CopyBuffer}: memory does not grow with the rows.
 */
final class BinaryCopyBuffer implements CopyRows {
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final long POSTGRES_EPOCH_DAY = 10_957L;
    private static final int SIZE = 1 << 16;
    private static final int HEADROOM = 4096;

    private final CopyBuffer.Sink sink;
    private final java.util.function.LongConsumer rowsFlushed;
    private final int columns;
    private final byte[] buffer = new byte[SIZE];
    private int length;
    private boolean rowStarted;
    private int fieldStart = -1;
    private long rows;
    private long rowsAtFlush;
    private long bytesWritten;

    BinaryCopyBuffer(CopyBuffer.Sink sink, int columns, java.util.function.LongConsumer rowsFlushed) {
        this.sink = sink;
        this.columns = columns;
        this.rowsFlushed = rowsFlushed;
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    private void field(int size) {
        if (!rowStarted) {
            putShort(columns);
            rowStarted = true;
        }
        fieldStart = length;
        putInt(size);
    }

    private void putShort(int value) {
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    @Override
    public CopyRows integer(long value) {
        field(4);
        putInt(Math.toIntExact(value));
        return this;
    }

    @Override
    public CopyRows cents(long cents) {
        // numeric: ndigits, weight, sign, dscale, then base-10000 digits, most significant first, no zero ends.
        long whole = Math.abs(cents) / 100;
        int fraction = (int) (Math.abs(cents) % 100) * 100;
        int[] digits = new int[6];
        int count = 0;
        int weight = -1;
        if (whole > 0) {
            long w = whole;
            int groups = 0;
            while (w > 0) {
                groups++;
                w /= 10000;
            }
            weight = groups - 1;
            for (int g = groups - 1; g >= 0; g--) {
                digits[count++] = (int) (whole / pow10000(g) % 10000);
            }
        }
        if (fraction != 0) {
            digits[count++] = fraction;
        }
        while (count > 0 && digits[count - 1] == 0) {
            count--;
        }
        int leading = 0;
        while (leading < count && digits[leading] == 0) {
            leading++;
            weight--;
        }
        int n = count - leading;
        field(8 + 2 * n);
        putShort(n);
        putShort(n == 0 ? 0 : weight);
        putShort(cents < 0 ? 0x4000 : 0);
        putShort(2);
        for (int i = leading; i < count; i++) {
            putShort(digits[i]);
        }
        return this;
    }

    private static long pow10000(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10000;
        }
        return value;
    }

    @Override
    public CopyRows nul() {
        field(-1);
        return this;
    }

    @Override
    public CopyRows bool(boolean value) {
        field(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    @Override
    public CopyRows text(String value) {
        field(0);
        return more(value);
    }

    @Override
    public CopyRows more(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        int size = length - fieldStart - 4;
        buffer[fieldStart] = (byte) (size >>> 24);
        buffer[fieldStart + 1] = (byte) (size >>> 16);
        buffer[fieldStart + 2] = (byte) (size >>> 8);
        buffer[fieldStart + 3] = (byte) size;
        return this;
    }

    @Override
    public CopyRows timestamp(long epochSecond) {
        field(8);
        putLong((epochSecond - POSTGRES_EPOCH_SECOND) * 1_000_000L);
        return this;
    }

    @Override
    public CopyRows date(long epochDay) {
        field(4);
        putInt((int) (epochDay - POSTGRES_EPOCH_DAY));
        return this;
    }

    @Override
    public void endRow() throws IOException {
        rowStarted = false;
        rows++;
        if (length > SIZE - HEADROOM) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (length > 0) {
            sink.write(buffer, length);
            bytesWritten += length;
            length = 0;
            rowsFlushed.accept(rows - rowsAtFlush);
            rowsAtFlush = rows;
        }
    }

    @Override
    public void finish() throws IOException {
        putShort(0xffff);
        flush();
    }

    @Override
    public long bytesWritten() {
        return bytesWritten + length;
    }
}
