package io.miglab.core.ledger;

import java.nio.charset.StandardCharsets;

/**
 * SQL and other text that goes into an experiment's parameters. Parameters are listed with every experiment, so a
 * 5 MB statement pasted by mistake must not ride along: past {@link #INLINE_LIMIT} bytes only the start is kept,
 * with the artifact that holds the whole text named after it.
 */
public final class ParameterText {
    /** The most a parameter holds inline, in UTF-8 bytes. */
    public static final int INLINE_LIMIT = 16 * 1024;

    private static final int KEPT = 1024;

    private ParameterText() {}

    public static boolean fitsInline(String text) {
        return text == null || text.getBytes(StandardCharsets.UTF_8).length <= INLINE_LIMIT;
    }

    /** {@code text} itself when it fits, else its start and where the rest is. */
    public static String inline(String text, String artifactName) {
        if (fitsInline(text)) {
            return text;
        }
        String start = text.substring(0, Math.min(KEPT, text.length()));
        return start + " ... (" + text.length() + " characters in all; the whole text is in " + artifactName + ")";
    }
}
