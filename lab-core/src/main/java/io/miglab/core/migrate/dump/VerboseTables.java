package io.miglab.core.migrate.dump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-table timing from the {@code --verbose} lines of pg_dump and pg_restore. A table starts at {@code dumping
 * contents of table "public.rental"} (pg_dump) or {@code processing data for table "public.rental"} (pg_restore);
 * with {@code -j} it ends at {@code finished item 3348 TABLE DATA rental}, serially at the next line of any kind (the
 * program has moved on). Thread-safe: the lines come from the stderr reader.
 */
final class VerboseTables {
    /**
     * A table starting, or (with {@code -j}) finishing. Searched anywhere in a line, not anchored: with {@code -j} the
     * workers are processes of their own writing to one pipe, and their messages can run into each other's lines.
     */
    private static final Pattern EVENT =
            Pattern.compile("(?:(?:dumping contents of|processing data for) table \"(.+?)\""
                    + "|finished item \\d+ TABLE DATA (.+?))(?=\\s*$|\\s*pg_(?:restore|dump):)");

    /** One table's share: when it started and how long it took, in seconds since the run began. */
    record TableTime(String table, double startedAt, double seconds) {}

    private final boolean parallel;
    private final long origin = System.nanoTime();
    private final Map<String, Long> inFlight = new LinkedHashMap<>();
    private final List<TableTime> done = new ArrayList<>();
    private final BiConsumer<String, Boolean> events;

    /** @param events called with (table, false) when a table starts and (table, true) when it is done */
    VerboseTables(boolean parallel, BiConsumer<String, Boolean> events) {
        this.parallel = parallel;
        this.events = events;
    }

    void accept(String line) {
        Matcher m = EVENT.matcher(line.strip());
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.group(1) != null) {
                started(m.group(1));
            } else {
                finished(m.group(2));
            }
        }
        if (!any && !parallel) {
            finishAll();
        }
    }

    private void started(String table) {
        if (!parallel) {
            finishAll();
        }
        synchronized (this) {
            inFlight.put(table, System.nanoTime());
        }
        events.accept(table, false);
    }

    private void finished(String tag) {
        String match = null;
        synchronized (this) {
            for (String t : inFlight.keySet()) {
                if (t.equals(tag) || t.endsWith("." + tag)) {
                    match = t;
                    break;
                }
            }
        }
        if (match != null) {
            finish(match);
        }
    }

    /** Closes what is still open (the program ended). */
    void finishAll() {
        List<String> open;
        synchronized (this) {
            open = new ArrayList<>(inFlight.keySet());
        }
        open.forEach(this::finish);
    }

    private void finish(String table) {
        long now = System.nanoTime();
        Long start;
        synchronized (this) {
            start = inFlight.remove(table);
            if (start == null) {
                return;
            }
            done.add(new TableTime(table, (start - origin) / 1e9, (now - start) / 1e9));
        }
        events.accept(table, true);
    }

    synchronized List<TableTime> tables() {
        return List.copyOf(done);
    }
}
