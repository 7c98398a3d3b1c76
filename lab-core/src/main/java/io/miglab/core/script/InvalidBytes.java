package io.miglab.core.script;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes of a script that are not valid UTF-8, carried through the lexer inside the decoded text. Each such byte (always
 * 0x80 to 0xFF) becomes a lone low surrogate U+DC80 to U+DCFF, as Python's {@code surrogateescape} does: valid UTF-8
 * never decodes to a lone surrogate, so the escapes cannot be confused with the script's own characters, and the
 * original bytes can be named in the error, in PostgreSQL's words.
 */
final class InvalidBytes {
    private static final char FIRST = '\uDC80';
    private static final char LAST = '\uDCFF';

    private InvalidBytes() {}

    static char escape(byte b) {
        return (char) (0xDC00 + (b & 0xff));
    }

    /** The index of the first escaped byte in {@code text}, or -1 when every byte was valid. */
    static int firstIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * PostgreSQL's message for the invalid sequence at {@code index}: the first byte and as many following bytes as
     * that byte announces (pg_utf_mblen), e.g. {@code invalid byte sequence for encoding "UTF8": 0xc3 0x28}.
     */
    static String message(String text, int index) {
        int first = byteAt(text, index);
        int length = (first & 0xe0) == 0xc0 ? 2 : (first & 0xf0) == 0xe0 ? 3 : (first & 0xf8) == 0xf0 ? 4 : 1;
        StringBuilder bytes = new StringBuilder();
        int count = 0;
        for (int i = index; i < text.length() && count < length; ) {
            byte[] encoded;
            if (isEscape(text, i)) {
                encoded = new byte[] {(byte) byteAt(text, i)};
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                i += Character.charCount(codePoint);
            }
            for (int j = 0; j < encoded.length && count < length; j++, count++) {
                bytes.append(count == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02x", encoded[j] & 0xff));
            }
        }
        return "invalid byte sequence for encoding \"UTF8\": " + bytes;
    }

    /** {@code text} with every escaped byte shown as U+FFFD, for messages. */
    static String displayed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(isEscape(text, i) ? '\uFFFD' : text.charAt(i));
        }
        return out.toString();
    }

    private static boolean isEscape(String text, int i) {
        char c = text.charAt(i);
        return c >= FIRST && c <= LAST && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    private static int byteAt(String text, int index) {
        return text.charAt(index) - 0xDC00;
    }
}
