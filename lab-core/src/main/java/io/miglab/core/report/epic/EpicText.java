package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.List;

/** The checks every text field of the epic model shares: one line, stripped, so what is written reads back equal. */
final class EpicText {
    private EpicText() {}

    static String line(String value, String what) {
        if (value == null) {
            return "";
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new MigLabException(what + " must be one line; it has a line break.");
        }
        return value.strip();
    }

    static String required(String value, String what) {
        String v = line(value, what);
        if (v.isEmpty()) {
            throw new MigLabException(what + " must not be empty.");
        }
        return v;
    }

    static int points(int points, String what) {
        if (points < 0 || points > 1000) {
            throw new MigLabException(what + " must be from 0 to 1000 story points, not " + points + ".");
        }
        return points;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
