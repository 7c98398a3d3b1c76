package io.miglab.core.workload;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of one statement while a baseline runs, from any client: a count per kind for the first
 * {@value StatementResult#MAX_DISTINCT_ERRORS} kinds, so a statement that fails in a thousand different ways keeps
 * a bounded record. Errors are the rare path; a lock here never slows a successful execution.
 */
final class ErrorTally {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, StatementError> first = new LinkedHashMap<>();

    synchronized void add(SQLException error) {
        String message = String.valueOf(error.getMessage());
        int end = message.indexOf('\n');
        String key = error.getSQLState() + "\u0000" + (end < 0 ? message : message.substring(0, end)).strip();
        long[] count = counts.get(key);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < StatementResult.MAX_DISTINCT_ERRORS) {
            counts.put(key, new long[] {1});
            first.put(key, new StatementError(error.getSQLState(), message, 0));
        }
    }

    synchronized List<StatementError> snapshot() {
        List<StatementError> out = new ArrayList<>(first.size());
        first.forEach((key, e) -> out.add(new StatementError(e.sqlState(), e.message(), counts.get(key)[0])));
        return out;
    }
}
