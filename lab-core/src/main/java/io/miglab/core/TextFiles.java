package io.miglab.core;

import io.miglab.core.units.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads text that MigLab holds whole in memory (workloads, plans, a statement), with a cap on its size so a wrong
 * file is a one-line error, not an OutOfMemoryError, and strict UTF-8 so a bad byte is named by its line instead of
 * turning silently into U+FFFD. Scripts stream and do not come here.
 */
public final class TextFiles {
    /** What a statement, a workload or a saved plan reasonably weighs; ten times the largest seen. */
    public static final long DEFAULT_MAX_BYTES = 16 * Sizes.MB;

    private TextFiles() {}

    /**
     * The UTF-8 text of {@code file} (a leading byte-order mark dropped).
     *
     * @param what what the file is, for messages: "the workload file"
     * @throws MigLabException when the file is missing, unreadable, over {@code maxBytes} or not UTF-8
     */
    public static String read(Path file, long maxBytes, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new MigLabException(capitalized(what) + " " + file + " is a folder, not a file.");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(what + " " + file, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return decode(in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8)), what + " " + file);
            }
        } catch (NoSuchFileException e) {
            throw new MigLabException(capitalized(what) + " " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new MigLabException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path, long, String)}, from a stream (standard input), reading at most one byte past the cap. */
    public static String read(InputStream in, long maxBytes, String what) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw tooLarge(what, -1, maxBytes);
            }
            return decode(bytes, what);
        } catch (IOException e) {
            throw new MigLabException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static String decode(byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new MigLabException(capitalized(what) + " is not valid UTF-8: line " + line
                    + " has a byte sequence that is not UTF-8.");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static MigLabException tooLarge(String what, long size, long maxBytes) {
        String actual = size >= 0 ? " is " + Sizes.format(size) + ", over" : " is over";
        return new MigLabException(
                capitalized(what) + actual + " the " + Sizes.format(maxBytes) + " MigLab reads into memory.");
    }

    private static String capitalized(String what) {
        return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
