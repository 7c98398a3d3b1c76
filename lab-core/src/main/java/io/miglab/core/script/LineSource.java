package io.miglab.core.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a script one line at a time as raw bytes, so that the text encoding can change in the middle of a file (psql's
 * {@code \encoding}) and COPY data can go to the server without being decoded and encoded again. Memory is one buffer
 * plus the longest line, whatever the file size.
 */
final class LineSource implements AutoCloseable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;

    private byte[] line = new byte[256];
    private int lineLength;
    private long bytesRead;
    private int lineNumber;

    private final long[] sharedCount;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** {@code sharedCount[0]} grows by every byte read, so nested includes add up into one progress figure. */
    LineSource(InputStream in, long[] sharedCount) {
        this.in = in;
        this.sharedCount = sharedCount;
    }

    /**
     * Advances to the next line. Returns false at the end of the input. The line's bytes, including its
     * terminating newline when it had one, are in {@link #bytes()} up to {@link #length()}.
     */
    boolean next() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (lineLength > 0) {
                        lineNumber++;
                        return true;
                    }
                    return false;
                }
            }
            int start = pos;
            int newline = -1;
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline + 1;
            append(start, end - start);
            pos = end;
            bytesRead += end - start;
            sharedCount[0] += end - start;
            if (newline >= 0) {
                lineNumber++;
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int from, int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLength;
    }

    /**
     * The current line without its line ending ({@code \n} or {@code \r\n}), decoded with {@code charset}. In UTF-8,
     * each byte that is not part of a valid sequence becomes an escape character (see {@link InvalidBytes}) instead of
     * U+FFFD, so the runner can refuse the statement it ends up in with the bytes named, as the server would.
     */
    String text(Charset charset) {
        int end = contentLength();
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return new String(line, 0, end, charset);
        }
        ByteBuffer in = ByteBuffer.wrap(line, 0, end);
        CharBuffer out = CharBuffer.allocate(end); // UTF-8 never decodes to more chars than bytes
        utf8.reset();
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put(InvalidBytes.escape(in.get()));
                }
            } else {
                break;
            }
        }
        utf8.flush(out);
        out.flip();
        return out.toString();
    }

    /** The number of bytes before the line ending. */
    int contentLength() {
        int end = lineLength;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    /** True when the current line is exactly {@code \.}, the end of a COPY data block. */
    boolean isEndOfCopy() {
        return contentLength() == 2 && line[0] == '\\' && line[1] == '.';
    }

    /** 1-based number of the current line. */
    int lineNumber() {
        return lineNumber;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
