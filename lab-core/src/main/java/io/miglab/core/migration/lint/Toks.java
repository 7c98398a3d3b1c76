package io.miglab.core.migration.lint;

import io.miglab.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small structural helpers over token ranges {@code [from, to)}: parentheses, top-level keywords, names. */
final class Toks {
    private Toks() {}

    /** The index after the parenthesis that closes the one at {@code open} (or {@code to}). */
    static int close(List<Tok> t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.get(i).punct('(') || t.get(i).punct('[')) {
                depth++;
            } else if (t.get(i).punct(')') || t.get(i).punct(']')) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return to;
    }

    /** The first index in {@code [from, to)} at parenthesis depth 0 holding one of {@code words}, or -1. */
    static int top(List<Tok> t, int from, int to, String... words) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Tok k = t.get(i);
            if (k.punct('(') || k.punct('[')) {
                depth++;
            } else if (k.punct(')') || k.punct(']')) {
                depth--;
            } else if (depth == 0 && k.isAny(words)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code [from, to)} cut at depth-0 occurrences of the word {@code separator}: each part as {from, to}. */
    static List<int[]> split(List<Tok> t, int from, int to, String separator) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i < to; i++) {
            Tok k = t.get(i);
            if (k.punct('(') || k.punct('[')) {
                depth++;
            } else if (k.punct(')') || k.punct(']')) {
                depth--;
            } else if (depth == 0 && (separator.equals(",") ? k.punct(',') : k.is(separator))) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    /** The end of a possibly qualified name starting at {@code from}: {@code a}, {@code a.b}, {@code "A".b}. */
    static int nameEnd(List<Tok> t, int from, int to) {
        int i = from;
        if (i >= to || !t.get(i).isName()) {
            return from;
        }
        i++;
        while (i + 1 < to && t.get(i).punct('.') && t.get(i + 1).isName()) {
            i += 2;
        }
        return i;
    }

    /** The name as written, for the target's to_regclass: {@code public.instance}, {@code "Order"}. */
    static String written(List<Tok> t, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(t.get(i).text());
        }
        return s.toString();
    }

    /** The last part of a name, folded: what the script's own CREATE TABLE and CREATE INDEX are matched by. */
    static String key(List<Tok> t, int from, int to) {
        return to > from ? t.get(to - 1).name() : "";
    }

    /**
     * A canonical form of an expression for comparing what the script writes with what pg_get_indexdef and
     * pg_get_expr print: parentheses and casts dropped ({@code 'x'::text} is {@code 'x'}), names folded, one space
     * between tokens.
     */
    static String canonical(List<Tok> t, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            Tok k = t.get(i);
            if (k.punct('(') || k.punct(')')) {
                continue;
            }
            if (isCast(t, i, to)) {
                i = skipType(t, i + 2, to) - 1;
                continue;
            }
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(
                    switch (k.kind()) {
                        case WORD, QUOTED_IDENTIFIER -> k.name();
                        case STRING, DOLLAR_STRING -> "'" + k.value() + "'";
                        default -> k.text().toLowerCase(Locale.ROOT);
                    });
        }
        return s.toString();
    }

    /** Whether a {@code ::} cast starts at {@code i}: the lexer gives it as two {@code :} tokens. */
    static boolean isCast(List<Tok> t, int i, int to) {
        return (t.get(i).op("::"))
                || (i + 1 < to && t.get(i).punct(':') && t.get(i + 1).punct(':'));
    }

    /** The index after a type name at {@code from}: {@code text}, {@code character varying(10)}, {@code int[]}. */
    static int skipType(List<Tok> t, int from, int to) {
        int i = from;
        while (i < to && t.get(i).kind() == Kind.WORD) {
            String w = t.get(i).value();
            i++;
            boolean multi = w.equals("character")
                    || w.equals("double")
                    || w.equals("with")
                    || w.equals("without")
                    || w.equals("time")
                    || w.equals("timestamp")
                    || w.equals("varying")
                    || w.equals("bit");
            if (i + 1 < to && t.get(i).punct('.') && t.get(i + 1).isName()) {
                i++;
                continue;
            }
            if (!multi || i >= to || !t.get(i).isAny("varying", "precision", "with", "without", "time", "zone")) {
                break;
            }
        }
        if (i < to && t.get(i).kind() == Kind.QUOTED_IDENTIFIER) {
            i++;
        }
        if (i < to && t.get(i).punct('(')) {
            i = close(t, i, to);
        }
        while (i + 1 < to && t.get(i).punct('[') && t.get(i + 1).punct(']')) {
            i += 2;
        }
        return i;
    }
}
